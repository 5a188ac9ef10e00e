using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>
/// The validated query of an analytics request: <c>from</c>/<c>to</c> (ISO 8601; default the last 24 hours; widened to
/// whole hours), <c>interval</c> (<c>hour</c> or <c>day</c>; default hour up to 2 days, else day; at most
/// <see cref="MaxHourPoints"/> hourly or <see cref="MaxDays"/> daily points), <c>groupBy</c> (optional) and <c>limit</c>
/// (series, the largest by requests; 1..<see cref="MaxLimit"/>, default 10).
/// </summary>
public sealed record AnalyticsRequest(DateTimeOffset From, DateTimeOffset To, string Interval, string? GroupBy, int Limit)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const int MaxHourPoints = 31 * 24;
    public const int MaxDays = 366;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static AnalyticsRequest? Parse(
        string? from, string? to, string? interval, string? groupBy, int? limit, IReadOnlyList<string> groupBys, DateTimeOffset now, ValidationErrors errors)
    {
        var end = errors.OptionalTime("to", to) ?? now;
        var start = errors.OptionalTime("from", from) ?? end - DefaultRange;
        start = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        end = new DateTimeOffset(end.UtcTicks + (TimeSpan.TicksPerHour - end.UtcTicks % TimeSpan.TicksPerHour) % TimeSpan.TicksPerHour, TimeSpan.Zero);
        if (errors.IsValid && start >= end)
        {
            errors.Add("from", "The from field must be before to.");
        }

        var step = interval?.Trim().ToLowerInvariant() ?? (end - start <= TimeSpan.FromDays(2) ? "hour" : "day");
        if (step is not ("hour" or "day"))
        {
            errors.Add("interval", "The interval field must be hour or day.");
        }
        else if (errors.IsValid && step == "hour" && (end - start).TotalHours > MaxHourPoints)
        {
            errors.Add("from", $"With interval=hour the range must be at most {MaxHourPoints / 24} days; use interval=day.");
        }
        else if (errors.IsValid && (end - start).TotalDays > MaxDays)
        {
            errors.Add("from", $"The range must be at most {MaxDays} days.");
        }

        var group = string.IsNullOrWhiteSpace(groupBy) ? null : groupBy.Trim().ToLowerInvariant();
        if (group is not null && !groupBys.Contains(group))
        {
            errors.Add("groupBy", $"The groupBy field must be one of {string.Join(", ", groupBys)}.");
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"The limit field must be between 1 and {MaxLimit}.");
        }

        return errors.IsValid ? new AnalyticsRequest(start, end, step, group, take) : null;
    }
}
