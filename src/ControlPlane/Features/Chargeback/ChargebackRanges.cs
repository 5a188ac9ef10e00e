using Switchyard.ControlPlane.Features.Rollups;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// Which rollups cover [from, to): daily rows for the whole UTC days inside it, hourly rows for the partial days at its
/// edges and for the whole days whose daily rows are not summed yet (<see cref="RollupDirtyDay"/>); adjacent ranges of one
/// granularity are merged, so a query reads a few contiguous ranges.
/// </summary>
public static class ChargebackRanges
{
    public static List<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> Split(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<DateTimeOffset> unsummedDays)
    {
        var ranges = new List<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)>();
        var firstDay = RollupBatch.DayOf(from) == from ? from : RollupBatch.DayOf(from).AddDays(1);
        var lastDay = RollupBatch.DayOf(to);
        if (firstDay >= lastDay)
        {
            Add(ranges, RollupGranularity.Hour, from, to);
            return ranges;
        }

        Add(ranges, RollupGranularity.Hour, from, firstDay);
        for (var day = firstDay; day < lastDay; day = day.AddDays(1))
        {
            Add(ranges, unsummedDays.Contains(day) ? RollupGranularity.Hour : RollupGranularity.Day, day, day.AddDays(1));
        }

        Add(ranges, RollupGranularity.Hour, lastDay, to);
        return ranges;
    }

    private static void Add(List<(RollupGranularity Granularity, DateTimeOffset From, DateTimeOffset To)> ranges, RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= to)
        {
            return;
        }

        if (ranges.Count > 0 && ranges[^1].Granularity == granularity && ranges[^1].To == from)
        {
            ranges[^1] = (granularity, ranges[^1].From, to);
            return;
        }

        ranges.Add((granularity, from, to));
    }
}
