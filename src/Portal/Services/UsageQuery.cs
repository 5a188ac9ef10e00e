using System.Globalization;

namespace Switchyard.Portal.Services;

/// <summary>
/// One page of the usage list: the filters (all optional) and the page's position, as the admin API's query string.
/// </summary>
/// <param name="Status"><c>ok</c>, <c>error</c> or null for both.</param>
public sealed record UsageQuery(
    Guid? KeyId = null, Guid? TeamId = null, string? Model = null, string? Status = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Offset = 0, int Limit = 100)
{
    public string ToQueryString()
    {
        var parts = new List<string> { $"limit={Limit}" };
        if (Offset > 0)
        {
            parts.Add($"offset={Offset}");
        }

        if (KeyId is { } key)
        {
            parts.Add($"keyId={key}");
        }

        if (TeamId is { } team)
        {
            parts.Add($"teamId={team}");
        }

        if (!string.IsNullOrEmpty(Model))
        {
            parts.Add("model=" + Uri.EscapeDataString(Model));
        }

        if (!string.IsNullOrEmpty(Status))
        {
            parts.Add("status=" + Uri.EscapeDataString(Status));
        }

        if (From is { } from)
        {
            parts.Add("from=" + Uri.EscapeDataString(from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (To is { } to)
        {
            parts.Add("to=" + Uri.EscapeDataString(to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        return string.Join('&', parts);
    }
}
