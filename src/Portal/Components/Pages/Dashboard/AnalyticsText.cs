using System.Globalization;

namespace Switchyard.Portal.Components.Pages.Dashboard;

/// <summary>Analytics values as people read them.</summary>
public static class AnalyticsText
{
    /// <summary>"850 ms", "12.4 s", or "–" when there is no value.</summary>
    public static string Milliseconds(double? ms) => ms switch
    {
        null => "–",
        < 1_000 => ms.Value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        _ => (ms.Value / 1_000).ToString("0.##", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>Cost per 1,000 requests in USD ("$1.2345"), or "–" without requests.</summary>
    public static string CostPerThousand(long costMicros, long requests) =>
        requests == 0 ? "–" : "$" + (costMicros / (decimal)requests * 1_000 / 1_000_000m).ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A 0..1 ratio as "12.5%".</summary>
    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Rate(double? perSecond) => perSecond is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";
}
