using System.Globalization;

namespace Switchyard.Portal.Components.Pages.Chargeback;

/// <summary>
/// The chargeback page's period: a calendar month in UTC (<c>yyyy-MM</c>) or <see cref="Custom"/> whole UTC days,
/// as the half-open range [from, to) the API takes.
/// </summary>
public static class ChargebackPeriod
{
    public const string Custom = "custom";

    /// <summary>The last <paramref name="count"/> months before <paramref name="now"/>'s month, newest first (the first is the default).</summary>
    public static IReadOnlyList<string> Months(DateTimeOffset now, int count = 12)
    {
        var current = new DateTime(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(1, count).Select(i => current.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }

    /// <summary>"February 2026" for "2026-02".</summary>
    public static string MonthName(string month) => MonthStart(month).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>[first day of the month, first day of the next) in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) OfMonth(string month)
    {
        var start = MonthStart(month);
        return (start, start.AddMonths(1));
    }

    /// <summary>[from's midnight, the day after to's midnight) in UTC: both days included; null when a day is missing or to is before from.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? OfDays(DateTime? from, DateTime? to)
    {
        if (from is not { } first || to is not { } last || last.Date < first.Date)
        {
            return null;
        }

        return (new DateTimeOffset(first.Date, TimeSpan.Zero), new DateTimeOffset(last.Date.AddDays(1), TimeSpan.Zero));
    }

    private static DateTimeOffset MonthStart(string month) =>
        new(DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
}
