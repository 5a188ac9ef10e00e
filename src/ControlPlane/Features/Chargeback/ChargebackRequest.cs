using System.Globalization;
using Microsoft.Net.Http.Headers;
using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The validated query of a chargeback request: <c>from</c> and <c>to</c> (required, ISO 8601, on whole UTC hours because
/// the rollups are hourly, <c>from</c> before <c>to</c>, at most <see cref="MaxDays"/> days apart), <c>groupBy</c>
/// (team, costCenter, tag, key or model, any case; default team) and the answer's format: <c>format=json|csv|xlsx</c>, else the Accept header
/// (<c>text/csv</c>, <see cref="XlsxContentType"/>), else JSON. <c>series=day</c> adds each group's cost per day of the
/// tenant's time zone to a JSON answer (<see cref="Days"/>).
/// </summary>
public sealed record ChargebackRequest(DateTimeOffset From, DateTimeOffset To, string GroupBy, ChargebackFormat Format, bool Days = false)
{
    public const int MaxDays = 366;
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ByCostCenter = "costCenter";
    public static readonly string[] GroupBys = ["team", ByCostCenter, "tag", "key", "model"];

    public static ChargebackRequest? Parse(
        string? from, string? to, string? groupBy, string? format, string? accept, ValidationErrors errors, string? series = null)
    {
        var start = Time(errors, "from", from);
        var end = Time(errors, "to", to);
        if (start is { } s && end is { } e)
        {
            if (s >= e)
            {
                errors.Add("from", "The from field must be before to.");
            }
            else if ((e - s).TotalDays > MaxDays)
            {
                errors.Add("to", $"The range must be at most {MaxDays} days.");
            }
        }

        var group = string.IsNullOrWhiteSpace(groupBy) ? "team" : GroupBys.FirstOrDefault(g => g.Equals(groupBy.Trim(), StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            errors.Add("groupBy", $"The groupBy field must be one of {string.Join(", ", GroupBys)}.");
        }

        var answer = FormatOf(format, accept, errors);
        var days = string.Equals(series?.Trim(), "day", StringComparison.OrdinalIgnoreCase);
        if (!days && !string.IsNullOrWhiteSpace(series))
        {
            errors.Add("series", "The series field must be day (or left out).");
        }

        return errors.IsValid ? new ChargebackRequest(start!.Value, end!.Value, group!, answer, days && answer == ChargebackFormat.Json) : null;
    }

    private static ChargebackFormat FormatOf(string? format, string? accept, ValidationErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            switch (format.Trim().ToLowerInvariant())
            {
                case "json":
                    return ChargebackFormat.Json;
                case "csv":
                    return ChargebackFormat.Csv;
                case "xlsx":
                    return ChargebackFormat.Xlsx;
                default:
                    errors.Add("format", "The format field must be json, csv or xlsx.");
                    return ChargebackFormat.Json;
            }
        }

        if (accept is not null && MediaTypeHeaderValue.TryParseList([accept], out var types))
        {
            foreach (var type in types.OrderByDescending(t => t.Quality ?? 1))
            {
                if (type.MediaType.Equals(CsvContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return ChargebackFormat.Csv;
                }

                if (type.MediaType.Equals(XlsxContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return ChargebackFormat.Xlsx;
                }

                if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    return ChargebackFormat.Json;
                }
            }
        }

        return ChargebackFormat.Json;
    }

    private static DateTimeOffset? Time(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"The {field} field is required (ISO 8601, e.g. 2026-03-01T00:00:00Z).");
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            errors.Add(field, $"The {field} field must be an ISO 8601 date and time (e.g. 2026-03-01T00:00:00Z).");
            return null;
        }

        if (parsed.UtcTicks % TimeSpan.TicksPerHour != 0)
        {
            errors.Add(field, $"The {field} field must be on a whole hour (UTC): usage is summed per hour.");
            return null;
        }

        return parsed.ToUniversalTime();
    }
}
