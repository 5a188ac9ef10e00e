using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The chargeback of one tenant over a range, read from the rollups only (never the raw records): daily rows for whole
/// summed days, hourly rows for the rest (<see cref="ChargebackRanges"/>), all in one repeatable-read transaction so the
/// daily job replacing a day meanwhile cannot make a day count twice or not at all.
/// </summary>
public static class ChargebackQuery
{
    public static async Task<ChargebackDto> RunAsync(ControlPlaneDbContext db, Guid tenantId, ChargebackRequest request, CancellationToken cancellationToken)
    {
        var total = new ChargebackSums<string>();
        var groups = new Dictionary<string, ChargebackSums<string>>(StringComparer.Ordinal);
        List<ChargebackDayDto>? days = null;
        string? zoneId = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            var centers = request.GroupBy == ChargebackRequest.ByCostCenter ? await ChargebackCostCenters.OfTeamsAsync(db, tenantId, cancellationToken) : null;
            var from = RollupBatch.DayOf(request.From);
            var unsummed = (await db.Set<RollupDirtyDay>().AsNoTracking()
                .Where(d => d.TenantId == tenantId && d.Day >= from && d.Day < request.To).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (granularity, start, end) in ChargebackRanges.Split(request.From, request.To, unsummed))
            {
                // Team, cost centre, key and model lines partition the tenant's usage: the total is their sum (one query per range).
                var rows = db.UsageRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity && r.Start >= start && r.Start < end);
                switch (request.GroupBy)
                {
                    case "team":
                        Merge(groups, total, await SumAsync(rows, r => r.TeamId, cancellationToken), k => k.ToString());
                        break;
                    case ChargebackRequest.ByCostCenter:
                        Merge(groups, total, await SumAsync(rows, r => r.TeamId, cancellationToken), k => ChargebackCostCenters.Of(centers!, k));
                        break;
                    case "key":
                        Merge(groups, total, await SumAsync(rows, r => r.KeyId, cancellationToken), k => k.ToString());
                        break;
                    case "model":
                        Merge(groups, total, await SumAsync(rows, r => r.Model, cancellationToken), k => k);
                        break;
                    case "tag":
                        var tags = db.UsageTagRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity && r.Start >= start && r.Start < end);
                        Merge(groups, null, await TagSumAsync(tags, cancellationToken), k => k);
                        Merge(null, total, await SumAsync(rows, r => r.TenantId, cancellationToken), k => k.ToString());
                        break;
                }
            }

            if (request.Days)
            {
                var zone = BudgetPeriods.Zone(await db.Tenants.IgnoreQueryFilters().Where(t => t.Id == tenantId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken));
                zoneId = zone.Id;
                days = await ChargebackDaySeries.RunAsync(db, tenantId, request, zone, unsummed, centers, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var labels = await LabelsAsync(db, tenantId, request.GroupBy, groups.Keys, cancellationToken);
        var lines = groups.Values.OrderByDescending(g => g.CostMicros).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToDto(g.Key, labels.GetValueOrDefault(g.Key))).ToList();
        return new ChargebackDto(tenantId, request.From, request.To, request.GroupBy, total.ToDto("total", null), lines, days, zoneId);
    }

    private static Task<List<ChargebackSums<TKey>>> SumAsync<TKey>(
        IQueryable<UsageRollup> rows, Expression<Func<UsageRollup, TKey>> key, CancellationToken cancellationToken) =>
        rows.GroupBy(key).Select(g => new ChargebackSums<TKey>
        {
            Key = g.Key, Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors), InputTokens = g.Sum(r => r.InputTokens),
            OutputTokens = g.Sum(r => r.OutputTokens), CachedInputTokens = g.Sum(r => r.CachedInputTokens),
            CacheWriteTokens = g.Sum(r => r.CacheWriteTokens), ReasoningTokens = g.Sum(r => r.ReasoningTokens), CostMicros = g.Sum(r => r.CostMicros),
            InputCostMicros = g.Sum(r => r.InputCostMicros), CachedInputCostMicros = g.Sum(r => r.CachedInputCostMicros),
            CacheWriteCostMicros = g.Sum(r => r.CacheWriteCostMicros), OutputCostMicros = g.Sum(r => r.OutputCostMicros),
            ReasoningCostMicros = g.Sum(r => r.ReasoningCostMicros),
        }).ToListAsync(cancellationToken);

    private static Task<List<ChargebackSums<string>>> TagSumAsync(IQueryable<UsageTagRollup> rows, CancellationToken cancellationToken) =>
        rows.GroupBy(r => r.Tag).Select(g => new ChargebackSums<string>
        {
            Key = g.Key, Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors), InputTokens = g.Sum(r => r.InputTokens),
            OutputTokens = g.Sum(r => r.OutputTokens), CachedInputTokens = g.Sum(r => r.CachedInputTokens),
            CacheWriteTokens = g.Sum(r => r.CacheWriteTokens), ReasoningTokens = g.Sum(r => r.ReasoningTokens), CostMicros = g.Sum(r => r.CostMicros),
            InputCostMicros = g.Sum(r => r.InputCostMicros), CachedInputCostMicros = g.Sum(r => r.CachedInputCostMicros),
            CacheWriteCostMicros = g.Sum(r => r.CacheWriteCostMicros), OutputCostMicros = g.Sum(r => r.OutputCostMicros),
            ReasoningCostMicros = g.Sum(r => r.ReasoningCostMicros),
        }).ToListAsync(cancellationToken);

    /// <summary>Adds each part to its group (when <paramref name="groups"/> is given) and to <paramref name="total"/> (when given).</summary>
    private static void Merge<TKey>(Dictionary<string, ChargebackSums<string>>? groups, ChargebackSums<string>? total, List<ChargebackSums<TKey>> parts, Func<TKey, string> key)
    {
        foreach (var part in parts)
        {
            total?.Add(part);
            if (groups is null)
            {
                continue;
            }

            var name = key(part.Key);
            if (!groups.TryGetValue(name, out var group))
            {
                groups[name] = group = new ChargebackSums<string> { Key = name };
            }

            group.Add(part);
        }
    }

    private static async Task<Dictionary<string, string>> LabelsAsync(
        ControlPlaneDbContext db, Guid tenantId, string groupBy, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (groupBy == ChargebackRequest.ByCostCenter)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { [ChargebackCostCenters.None] = ChargebackCostCenters.NoneLabel };
        }

        if (groupBy is not ("team" or "key"))
        {
            return [];
        }

        var ids = keys.Select(Guid.Parse).Where(id => id != Guid.Empty).ToList();
        var names = groupBy == "team"
            ? await db.Teams.IgnoreQueryFilters().Where(t => t.TenantId == tenantId && ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken)
            : await db.VirtualKeys.IgnoreQueryFilters().Where(k => k.TenantId == tenantId && ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        var labels = names.ToDictionary(n => n.Key.ToString(), n => n.Value, StringComparer.Ordinal);
        labels[Guid.Empty.ToString()] = "(none)";
        return labels;
    }
}
