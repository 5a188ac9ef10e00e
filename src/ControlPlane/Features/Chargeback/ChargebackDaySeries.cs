using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// Each group's cost per day of the tenant's time zone over a chargeback's range (the page's stacked chart), from the
/// rollups only. Daily rollups are UTC days, so they serve only a zone that is always UTC; any other zone's days are
/// summed from the hourly rows, each hour counted on the local day it starts in.
/// </summary>
public static class ChargebackDaySeries
{
    public static async Task<List<ChargebackDayDto>> RunAsync(
        ControlPlaneDbContext db, Guid tenantId, ChargebackRequest request, TimeZoneInfo zone, IReadOnlySet<DateTimeOffset> unsummedDays,
        CancellationToken cancellationToken)
    {
        var ranges = zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
            ? ChargebackRanges.Split(request.From, request.To, unsummedDays)
            : [(RollupGranularity.Hour, request.From, request.To)];
        var sums = new Dictionary<(DateOnly Day, string Key), long>();
        foreach (var (granularity, start, end) in ranges)
        {
            foreach (var (periodStart, key, cost) in await CostsAsync(db, tenantId, request.GroupBy, granularity, start, end, cancellationToken))
            {
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(periodStart, zone).DateTime);
                sums[(day, key)] = sums.GetValueOrDefault((day, key)) + cost;
            }
        }

        return [.. sums.OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Key, StringComparer.Ordinal).Select(s => new ChargebackDayDto(s.Key.Day, s.Key.Key, s.Value))];
    }

    private static async Task<IEnumerable<(DateTimeOffset Start, string Key, long Cost)>> CostsAsync(
        ControlPlaneDbContext db, Guid tenantId, string groupBy, RollupGranularity granularity, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        if (groupBy == "tag")
        {
            var tags = await db.UsageTagRollups.AsNoTracking()
                .Where(r => r.TenantId == tenantId && r.Granularity == granularity && r.Start >= start && r.Start < end)
                .GroupBy(r => new { r.Start, r.Tag }).Select(g => new { g.Key.Start, g.Key.Tag, Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken);
            return tags.Select(t => (t.Start, t.Tag, t.Cost));
        }

        var rows = db.UsageRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity && r.Start >= start && r.Start < end);
        if (groupBy == "model")
        {
            var models = await rows.GroupBy(r => new { r.Start, r.Model }).Select(g => new { g.Key.Start, g.Key.Model, Cost = g.Sum(r => r.CostMicros) })
                .ToListAsync(cancellationToken);
            return models.Select(m => (m.Start, m.Model, m.Cost));
        }

        var ids = groupBy == "key"
            ? await rows.GroupBy(r => new { r.Start, Id = r.KeyId }).Select(g => new { g.Key.Start, g.Key.Id, Cost = g.Sum(r => r.CostMicros) }).ToListAsync(cancellationToken)
            : await rows.GroupBy(r => new { r.Start, Id = r.TeamId }).Select(g => new { g.Key.Start, g.Key.Id, Cost = g.Sum(r => r.CostMicros) }).ToListAsync(cancellationToken);
        return ids.Select(i => (i.Start, i.Id.ToString(), i.Cost));
    }
}
