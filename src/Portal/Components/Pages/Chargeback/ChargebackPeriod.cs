using System.Globalization;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Pages.Chargeback;

/// <summary>
/// The chargeback page's period: a calendar month (<c>yyyy-MM</c>) or <see cref="Custom"/> whole days, both in the
/// tenant's time zone as its statements are, as the half-open range [from, to) the API takes. Bounds are rounded down to
/// the whole UTC hour (the rollups are hourly), exactly as the statements' periods are.
/// </summary>
public static class ChargebackPeriod
{
    public const string Custom = "custom";

    /// <summary>The last <paramref name="count"/> months before <paramref name="now"/>'s month in the zone, newest first (the first is the default).</summary>
    public static IReadOnlyList<string> Months(DateTimeOffset now, TimeZoneInfo zone, int count = 12)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var current = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return [.. Enumerable.Range(1, count).Select(i => current.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }

    /// <summary>The month <paramref name="now"/> is in, in the zone (<c>yyyy-MM</c>): offered as "month to date".</summary>
    public static string CurrentMonth(DateTimeOffset now, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(now, zone).DateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"February 2026" for "2026-02".</summary>
    public static string MonthName(string month) => MonthStart(month).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>[the month's first midnight, the next month's) in the zone.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) OfMonth(string month, TimeZoneInfo zone)
    {
        var window = BudgetPeriods.Current(BudgetPeriods.Month, Inside(MonthStart(month).AddDays(14), zone), zone);
        return (HourOf(window.Start), HourOf(window.End));
    }

    /// <summary>[from's midnight, the midnight after to) in the zone: both days included; null when a day is missing or to is before from.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? OfDays(DateTime? from, DateTime? to, TimeZoneInfo zone)
    {
        if (from is not { } first || to is not { } last || last.Date < first.Date)
        {
            return null;
        }

        return (HourOf(BudgetPeriods.Current(BudgetPeriods.Day, Inside(first.Date, zone), zone).Start),
            HourOf(BudgetPeriods.Current(BudgetPeriods.Day, Inside(last.Date, zone), zone).End));
    }

    /// <summary>The zone's first day of a range starting at <paramref name="from"/> (a bound rounded down to the hour still names its day).</summary>
    public static DateOnly FirstDay(DateTimeOffset from, TimeZoneInfo zone) => LocalDay(from.AddHours(1).AddTicks(-1), zone);

    /// <summary>The zone's last day (included) of a range ending at <paramref name="to"/> (excluded).</summary>
    public static DateOnly LastDay(DateTimeOffset to, TimeZoneInfo zone) => LocalDay(to.AddTicks(-1), zone);

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The zone of a tenant's IANA id (none or unknown: UTC).</summary>
    public static TimeZoneInfo Zone(string? timeZone) => BudgetPeriods.Zone(timeZone);

    /// <summary>Noon of a local day as an instant: inside that day whatever the clock changes.</summary>
    private static DateTimeOffset Inside(DateTime day, TimeZoneInfo zone)
    {
        var noon = DateTime.SpecifyKind(day.Date.AddHours(12), DateTimeKind.Unspecified);
        return new DateTimeOffset(noon, zone.GetUtcOffset(noon));
    }

    private static DateTimeOffset HourOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    private static DateTime MonthStart(string month) =>
        DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
