using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Tests.Configuration;

public class BudgetPeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Current_Day_StartsAtLocalMidnightInTheTenantsZone()
    {
        // 23:30 UTC on 6 December is 00:30 on 7 December in Berlin.
        var window = BudgetPeriods.Current(BudgetPeriods.Day, new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero), Berlin);

        Assert.Equal("d2026-12-07", window.Key);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void Current_Week_StartsOnMonday()
    {
        var window = BudgetPeriods.Current(BudgetPeriods.Week, new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal("w2026-11-30", window.Key);
        Assert.Equal(DayOfWeek.Monday, window.Start.DayOfWeek);
        Assert.Equal(TimeSpan.FromDays(7), window.End - window.Start);
    }

    [Fact]
    public void Current_MonthAcrossDaylightSavingChange_EndsAtLocalMidnight()
    {
        // March 2026 in Berlin: starts at UTC+1, ends at UTC+2.
        var window = BudgetPeriods.Current(BudgetPeriods.Month, new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal("m2026-03", window.Key);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void Current_Total_NeverRollsOver()
    {
        var window = BudgetPeriods.Current(BudgetPeriods.Total, DateTimeOffset.UnixEpoch, Berlin);

        Assert.Equal(BudgetPeriods.TotalKey, window.Key);
        Assert.Equal(DateTimeOffset.MaxValue, window.End);
    }

    [Fact]
    public void Zone_UnknownOrNull_IsUtc()
    {
        Assert.Equal(TimeZoneInfo.Utc, BudgetPeriods.Zone(null));
        Assert.Equal(TimeZoneInfo.Utc, BudgetPeriods.Zone("Mars/Olympus"));
    }

    [Theory]
    [InlineData(0, "day", "amountUsd")]
    [InlineData(5, "year", "period")]
    public void Validate_BadField_NamesIt(decimal amount, string period, string field)
    {
        var errors = new List<ConfigFieldError>();

        BudgetRules.Validate(new Budget(amount, period), errors);

        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void AmountMicros_IsUsdTimesAMillion() => Assert.Equal(12_345_000, new Budget(12.345m).AmountMicros);
}
