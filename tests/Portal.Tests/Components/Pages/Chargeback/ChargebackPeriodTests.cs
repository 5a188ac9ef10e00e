using Switchyard.Portal.Components.Pages.Chargeback;

namespace Switchyard.Portal.Tests.Components.Pages.Chargeback;

public sealed class ChargebackPeriodTests
{
    [Fact]
    public void Months_January_StartsWithDecemberOfTheYearBefore()
    {
        var months = ChargebackPeriod.Months(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(["2025-12", "2025-11", "2025-10"], months);
    }

    [Fact]
    public void OfMonth_February_IsTheHalfOpenMonthInUtc()
    {
        var (from, to) = ChargebackPeriod.OfMonth("2024-02");

        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void OfDays_SameDay_IsThatWholeDay()
    {
        var range = ChargebackPeriod.OfDays(new DateTime(2026, 2, 10, 15, 30, 0), new DateTime(2026, 2, 10));

        Assert.Equal((new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero)), range);
    }

    [Fact]
    public void OfDays_ToBeforeFromOrMissing_IsNull()
    {
        Assert.Null(ChargebackPeriod.OfDays(new DateTime(2026, 2, 10), new DateTime(2026, 2, 9)));
        Assert.Null(ChargebackPeriod.OfDays(null, new DateTime(2026, 2, 9)));
    }
}
