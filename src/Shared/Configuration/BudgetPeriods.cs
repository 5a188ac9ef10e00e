namespace Switchyard.Shared.Configuration;

/// <summary>
/// The periods a <see cref="Budget"/> counts in, computed the same way on the nodes and in the control plane: each period
/// starts at local midnight in the tenant's time zone (a week on Monday, a month on its first day); <c>total</c> never
/// rolls over. A period is named by its key (<c>d2026-12-06</c>, <c>w2026-11-30</c>, <c>m2026-12</c>, <c>total</c>), which
/// names its counters.
/// </summary>
public static class BudgetPeriods
{
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";
    public const string Total = "total";

    public const string TotalKey = "total";

    public static readonly IReadOnlyList<string> All = [Day, Week, Month, Total];

    public static bool IsValid(string? period) => period is Day or Week or Month or Total;

    /// <summary>The tenant's zone (<c>null</c> or unknown: UTC).</summary>
    public static TimeZoneInfo Zone(string? timeZone) =>
        string.IsNullOrEmpty(timeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.Utc : zone;

    /// <summary>The period containing <paramref name="now"/>: its key, start and end (UTC; <c>total</c>: min and max).</summary>
    public static BudgetWindow Current(string period, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (period == Total)
        {
            return new BudgetWindow(TotalKey, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime.Date;
        DateTime start;
        DateTime end;
        string key;
        switch (period)
        {
            case Day:
                start = local;
                end = local.AddDays(1);
                key = $"d{start:yyyy-MM-dd}";
                break;
            case Week:
                start = local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
                end = start.AddDays(7);
                key = $"w{start:yyyy-MM-dd}";
                break;
            default:
                start = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                end = start.AddMonths(1);
                key = $"m{start:yyyy-MM}";
                break;
        }

        return new BudgetWindow(key, ToUtc(start, zone), ToUtc(end, zone));
    }

    /// <summary>Local midnight as a UTC instant (a midnight skipped by a clock change: the first valid instant after it).</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

/// <summary>One budget period: its key and its UTC bounds [Start, End).</summary>
public readonly record struct BudgetWindow(string Key, DateTimeOffset Start, DateTimeOffset End);
