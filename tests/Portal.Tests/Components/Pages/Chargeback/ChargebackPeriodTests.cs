using Switchyard.Portal.Components.Pages.Chargeback;

namespace Switchyard.Portal.Tests.Components.Pages.Chargeback;

public sealed class ChargebackPeriodTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public void Months_January_StartsWithDecemberOfTheYearBefore()
    {
        var months = ChargebackPeriod.Months(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc, 3);

        Assert.Equal(["2025-12", "2025-11", "2025-10"], months);
    }

    [Fact]
    public void Months_StillDecemberInTheTenantsZone_StartsWithNovember()
    {
        // 03:00 UTC on 1 January is still 31 December in New York.
        var months = ChargebackPeriod.Months(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero), NewYork, 2);

        Assert.Equal(["2025-11", "2025-10"], months);
    }

    [Fact]
    public void OfMonth_February_IsTheHalfOpenMonthInUtc()
    {
        var (from, to) = ChargebackPeriod.OfMonth("2024-02", TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void OfMonth_March_IsTheTenantsLocalMonthAcrossTheClockChange()
    {
        var (from, to) = ChargebackPeriod.OfMonth("2026-03", NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero), from); // EST
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero), to); // EDT
    }

    [Fact]
    public void OfMonth_HalfHourZone_RoundsDownToTheWholeHourAsStatementsDo()
    {
        var (from, _) = ChargebackPeriod.OfMonth("2026-02", Kolkata);

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 18, 0, 0, TimeSpan.Zero), from); // 18:30 UTC, rounded down
    }

    [Fact]
    public void OfDays_SameDay_IsThatWholeDay()
    {
        var range = ChargebackPeriod.OfDays(new DateTime(2026, 2, 10, 15, 30, 0), new DateTime(2026, 2, 10), TimeZoneInfo.Utc);

        Assert.Equal((new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero)), range);
    }

    [Fact]
    public void OfDays_TenantsZone_LocalMidnights()
    {
        var range = ChargebackPeriod.OfDays(new DateTime(2026, 2, 10), new DateTime(2026, 2, 11), NewYork);

        Assert.Equal((new DateTimeOffset(2026, 2, 10, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 12, 5, 0, 0, TimeSpan.Zero)), range);
    }

    [Fact]
    public void OfDays_ToBeforeFromOrMissing_IsNull()
    {
        Assert.Null(ChargebackPeriod.OfDays(new DateTime(2026, 2, 10), new DateTime(2026, 2, 9), TimeZoneInfo.Utc));
        Assert.Null(ChargebackPeriod.OfDays(null, new DateTime(2026, 2, 9), TimeZoneInfo.Utc));
    }
}
