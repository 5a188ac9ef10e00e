using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// Each group's cost per day of the tenant's time zone over a chargeback's range (the page's stacked chart), from the
/// rollups only; each hour counts on the local day it starts in. A summed UTC day (<see cref="ChargebackRanges"/>) is read
/// from its daily rows, counted on the local day most of its hours fall on, and corrected with the hourly rows of its
/// other hours (in New York the 4–5 hours after UTC midnight, which belong to the local day before): those are moved to
/// their own local day. So a zone other than UTC reads the daily rows plus at most half of each day's hours, each run of
/// hours summed per group in the database, instead of every hourly row of the range (10 million records, a month
/// grouped by key: 10–12 s before, see bench/README.md). Hourly ranges (the edges, days not summed yet) are read per run
/// of hours on one local day; all runs are summed per group in one round trip (UNION ALL).
/// </summary>
public static class ChargebackDaySeries
{
    public static async Task<List<ChargebackDayDto>> RunAsync(
        ControlPlaneDbContext db, Guid tenantId, ChargebackRequest request, TimeZoneInfo zone, IReadOnlySet<DateTimeOffset> unsummedDays,
        CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(DateOnly Day, string Key), (long Requests, long Cost)>();
        void Add(DateOnly day, Cell cell, long sign)
        {
            var sum = sums.GetValueOrDefault((day, cell.Key));
            sums[(day, cell.Key)] = (sum.Requests + sign * cell.Requests, sum.Cost + sign * cell.Cost);
        }

        // Runs of hours read from the hourly rows: on their own local day, and (minority hours of a summed day) taken off
        // the local day its daily rows count on.
        var runs = new List<(DateTimeOffset Start, DateTimeOffset End, DateOnly Day, DateOnly? Majority)>();
        var majority = new Dictionary<DateTimeOffset, DateOnly>();
        var dailyRanges = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (granularity, start, end) in ChargebackRanges.Split(request.From, request.To, unsummedDays))
        {
            if (granularity == RollupGranularity.Hour)
            {
                runs.AddRange(Runs(start, end, zone).Select(r => (r.Start, r.End, r.Day, (DateOnly?)null)));
                continue;
            }

            dailyRanges.Add((start, end));
            for (var day = start; day < end; day = day.AddDays(1))
            {
                var dayRuns = Runs(day, day.AddDays(1), zone);
                var main = dayRuns.MaxBy(r => r.End - r.Start);
                majority[day] = main.Day;
                runs.AddRange(dayRuns.Where(r => r != main).Select(r => (r.Start, r.End, r.Day, (DateOnly?)main.Day)));
            }
        }

        foreach (var cell in await RunsAsync(db, tenantId, request.GroupBy, runs.ConvertAll(r => (r.Start, r.End)), cancellationToken))
        {
            // A run's cells carry its first hour with usage: the run is the last one starting at or before it.
            var run = runs[runs.FindLastIndex(r => r.Start <= cell.Start)];
            Add(run.Day, cell, 1);
            if (run.Majority is { } main)
            {
                Add(main, cell, -1);
            }
        }

        foreach (var (start, end) in dailyRanges)
        {
            foreach (var cell in await DailyAsync(db, tenantId, request.GroupBy, start, end, cancellationToken))
            {
                Add(majority[cell.Start], cell, 1);
            }
        }

        return
        [
            .. sums.Where(s => s.Value.Requests != 0).OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Key, StringComparer.Ordinal)
                .Select(s => new ChargebackDayDto(s.Key.Day, s.Key.Key, s.Value.Cost)),
        ];
    }

    /// <summary>The hours of [start, end) in runs that start on one local day each.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End, DateOnly Day)> Runs(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var runs = new List<(DateTimeOffset Start, DateTimeOffset End, DateOnly Day)>();
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(hour, zone).DateTime);
            if (runs.Count > 0 && runs[^1].Day == day)
            {
                runs[^1] = (runs[^1].Start, hour.AddHours(1), day);
            }
            else
            {
                runs.Add((hour, hour.AddHours(1), day));
            }
        }

        return runs;
    }

    private sealed record Cell(DateTimeOffset Start, string Key, long Requests, long Cost);

    /// <summary>Each group's requests and cost per UTC day of [start, end) from the daily rows.</summary>
    private static async Task<List<Cell>> DailyAsync(
        ControlPlaneDbContext db, Guid tenantId, string groupBy, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (groupBy == "tag")
        {
            return (await db.UsageTagRollups.AsNoTracking()
                    .Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Day && r.Start >= start && r.Start < end)
                    .GroupBy(r => new { r.Start, r.Tag }).Select(g => new { g.Key.Start, g.Key.Tag, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                    .ToListAsync(cancellationToken))
                .ConvertAll(t => new Cell(t.Start, t.Tag, t.Requests, t.Cost));
        }

        var rows = db.UsageRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Day && r.Start >= start && r.Start < end);
        return groupBy switch
        {
            "model" => (await rows.GroupBy(r => new { r.Start, r.Model }).Select(g => new { g.Key.Start, g.Key.Model, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(m => new Cell(m.Start, m.Model, m.Requests, m.Cost)),
            "key" => (await rows.GroupBy(r => new { r.Start, r.KeyId }).Select(g => new { g.Key.Start, g.Key.KeyId, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(k => new Cell(k.Start, k.KeyId.ToString(), k.Requests, k.Cost)),
            _ => (await rows.GroupBy(r => new { r.Start, r.TeamId }).Select(g => new { g.Key.Start, g.Key.TeamId, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(t => new Cell(t.Start, t.TeamId.ToString(), t.Requests, t.Cost)),
        };
    }

    /// <summary>Runs summed per query (one UNION ALL; SQLite allows 500 terms in a compound select).</summary>
    private const int RunsPerQuery = 100;

    /// <summary>
    /// Each group's requests and cost over each run of hours together, from the hourly rows, all runs in one round trip (a
    /// chunk of <see cref="RunsPerQuery"/>); a cell's start is the run's first hour with usage of the group.
    /// </summary>
    private static async Task<List<Cell>> RunsAsync(
        ControlPlaneDbContext db, Guid tenantId, string groupBy, List<(DateTimeOffset Start, DateTimeOffset End)> runs, CancellationToken cancellationToken)
    {
        var cells = new List<Cell>();
        foreach (var chunk in runs.Chunk(RunsPerQuery))
        {
            cells.AddRange(groupBy switch
            {
                "tag" => await SumAsync(chunk.Select(run => Hours(db.UsageTagRollups, tenantId, run).GroupBy(r => r.Tag)
                    .Select(g => new RunSum<string> { Start = g.Min(r => r.Start), Key = g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })), k => k, cancellationToken),
                "model" => await SumAsync(chunk.Select(run => Hours(db.UsageRollups, tenantId, run).GroupBy(r => r.Model)
                    .Select(g => new RunSum<string> { Start = g.Min(r => r.Start), Key = g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })), k => k, cancellationToken),
                "key" => await SumAsync(chunk.Select(run => Hours(db.UsageRollups, tenantId, run).GroupBy(r => r.KeyId)
                    .Select(g => new RunSum<Guid> { Start = g.Min(r => r.Start), Key = g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })), k => k.ToString(), cancellationToken),
                _ => await SumAsync(chunk.Select(run => Hours(db.UsageRollups, tenantId, run).GroupBy(r => r.TeamId)
                    .Select(g => new RunSum<Guid> { Start = g.Min(r => r.Start), Key = g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })), k => k.ToString(), cancellationToken),
            });
        }

        return cells;
    }

    private static IQueryable<UsageRollup> Hours(IQueryable<UsageRollup> rows, Guid tenantId, (DateTimeOffset Start, DateTimeOffset End) run) =>
        rows.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= run.Start && r.Start < run.End);

    private static IQueryable<UsageTagRollup> Hours(IQueryable<UsageTagRollup> rows, Guid tenantId, (DateTimeOffset Start, DateTimeOffset End) run) =>
        rows.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= run.Start && r.Start < run.End);

    private static async Task<IEnumerable<Cell>> SumAsync<TKey>(IEnumerable<IQueryable<RunSum<TKey>>> parts, Func<TKey, string> key, CancellationToken cancellationToken)
    {
        var query = parts.Aggregate((all, part) => all.Concat(part));
        return (await query.ToListAsync(cancellationToken)).Select(s => new Cell(s.Start, key(s.Key), s.Requests, s.Cost));
    }

    private sealed class RunSum<TKey>
    {
        public DateTimeOffset Start { get; init; }
        public TKey Key { get; init; } = default!;
        public long Requests { get; init; }
        public long Cost { get; init; }
    }
}
