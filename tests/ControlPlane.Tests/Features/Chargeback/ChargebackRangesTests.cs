using Switchyard.ControlPlane.Features.Chargeback;
using Switchyard.ControlPlane.Features.Rollups;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

public sealed class ChargebackRangesTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Split_PartialEdgesAndAnUnsummedDay_HoursAtEdgesAndForThatDayDaysElsewhere()
    {
        var ranges = ChargebackRanges.Split(Day.AddHours(5), Day.AddDays(4).AddHours(7), new HashSet<DateTimeOffset> { Day.AddDays(2) });

        Assert.Equal(
            [
                (RollupGranularity.Hour, Day.AddHours(5), Day.AddDays(1)),
                (RollupGranularity.Day, Day.AddDays(1), Day.AddDays(2)),
                (RollupGranularity.Hour, Day.AddDays(2), Day.AddDays(3)),
                (RollupGranularity.Day, Day.AddDays(3), Day.AddDays(4)),
                (RollupGranularity.Hour, Day.AddDays(4), Day.AddDays(4).AddHours(7)),
            ],
            ranges);
    }

    [Fact]
    public void Split_WithinOneDay_HoursOnly()
    {
        Assert.Equal([(RollupGranularity.Hour, Day.AddHours(1), Day.AddHours(9))], ChargebackRanges.Split(Day.AddHours(1), Day.AddHours(9), new HashSet<DateTimeOffset>()));
    }

    [Fact]
    public void Split_WholeDays_DaysOnly()
    {
        Assert.Equal([(RollupGranularity.Day, Day, Day.AddDays(31))], ChargebackRanges.Split(Day, Day.AddDays(31), new HashSet<DateTimeOffset>()));
    }
}
