using System.Globalization;

namespace Switchyard.Portal.Downloads;

/// <summary>Links to the portal's streamed downloads (<see cref="PortalDownloadEndpoints"/>), built by the pages.</summary>
public static class PortalDownloads
{
    public const string Chargeback = "chargeback";
    public const string Audit = "audit";

    /// <summary>The chargeback of [from, to) grouped by <paramref name="groupBy"/>, as csv or xlsx.</summary>
    public static string ChargebackHref(DateTimeOffset from, DateTimeOffset to, string groupBy, string format) =>
        $"{PortalDownloadEndpoints.BasePath}{Chargeback}?from={Time(from)}&to={Time(to)}"
        + $"&groupBy={Uri.EscapeDataString(groupBy)}&format={Uri.EscapeDataString(format)}";

    /// <summary>The audit entries matching <paramref name="filters"/> (the API's query string, without type and format).</summary>
    public static string AuditHref(string type, string filters, string format) =>
        $"{PortalDownloadEndpoints.BasePath}{Audit}?type={Uri.EscapeDataString(type)}&format={Uri.EscapeDataString(format)}"
        + (string.IsNullOrEmpty(filters) ? "" : "&" + filters);

    private static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
