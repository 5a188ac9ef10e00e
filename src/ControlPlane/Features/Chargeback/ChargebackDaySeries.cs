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
/// grouped by key: 10–12 s before, 5.6–5.9 s after, at load average 40–60, see bench/README.md). Hourly ranges (the edges, days not summed yet) are read per run of
/// hours on one local day.
/// </summary>
public static class ChargebackDaySeries
{
    public static async Task<List<ChargebackDayDto>> RunAsync(
        ControlPlaneDbContext db, Guid tenantId, ChargebackRequest request, TimeZoneInfo zone, IReadOnlySet<DateTimeOffset> unsummedDays,
        IReadOnlyDictionary<Guid, string>? costCenters, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(DateOnly Day, string Key), (long Requests, long Cost)>();
        void Add(DateOnly day, Cell cell, long sign)
        {
            // By cost centre the cells are per team (the key is the team id): each goes to its team's centre.
            var key = costCenters is null ? cell.Key : ChargebackCostCenters.Of(costCenters, Guid.Parse(cell.Key));
            var sum = sums.GetValueOrDefault((day, key));
            sums[(day, key)] = (sum.Requests + sign * cell.Requests, sum.Cost + sign * cell.Cost);
        }

        foreach (var (granularity, start, end) in ChargebackRanges.Split(request.From, request.To, unsummedDays))
        {
            if (granularity == RollupGranularity.Hour)
            {
                foreach (var run in Runs(start, end, zone))
                {
                    (await RangeAsync(db, tenantId, request.GroupBy, run.Start, run.End, cancellationToken)).ForEach(c => Add(run.Day, c, 1));
                }

                continue;
            }

            var majority = new Dictionary<DateTimeOffset, DateOnly>();
            for (var day = start; day < end; day = day.AddDays(1))
            {
                var runs = Runs(day, day.AddDays(1), zone);
                var main = runs.MaxBy(r => r.End - r.Start);
                majority[day] = main.Day;
                foreach (var run in runs.Where(r => r != main))
                {
                    foreach (var cell in await RangeAsync(db, tenantId, request.GroupBy, run.Start, run.End, cancellationToken))
                    {
                        Add(run.Day, cell, 1);
                        Add(main.Day, cell, -1);
                    }
                }
            }

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

    /// <summary>Each group's requests and cost over the hours [start, end) together, from the hourly rows.</summary>
    private static async Task<List<Cell>> RangeAsync(
        ControlPlaneDbContext db, Guid tenantId, string groupBy, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (groupBy == "tag")
        {
            return (await db.UsageTagRollups.AsNoTracking()
                    .Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= start && r.Start < end)
                    .GroupBy(r => r.Tag).Select(g => new { g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                    .ToListAsync(cancellationToken))
                .ConvertAll(t => new Cell(start, t.Key, t.Requests, t.Cost));
        }

        var rows = db.UsageRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= start && r.Start < end);
        return groupBy switch
        {
            "model" => (await rows.GroupBy(r => r.Model).Select(g => new { g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(m => new Cell(start, m.Key, m.Requests, m.Cost)),
            "key" => (await rows.GroupBy(r => r.KeyId).Select(g => new { g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(k => new Cell(start, k.Key.ToString(), k.Requests, k.Cost)),
            _ => (await rows.GroupBy(r => r.TeamId).Select(g => new { g.Key, Requests = g.Sum(r => r.Requests), Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken)).ConvertAll(t => new Cell(start, t.Key.ToString(), t.Requests, t.Cost)),
        };
    }
}
