using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>A tenant's usage over a period per (team, model, price version), from the rollups (<see cref="ChargebackRanges"/>).</summary>
internal static class StatementUsage
{
    public readonly record struct Key(Guid TeamId, string Model, string PriceVersion);

    public static async Task<Dictionary<Key, ChargebackSums<Key>>> ReadAsync(
        ControlPlaneDbContext db, Guid tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var firstDay = RollupBatch.DayOf(from);
        var unsummed = (await db.Set<RollupDirtyDay>().AsNoTracking()
            .Where(d => d.TenantId == tenantId && d.Day >= firstDay && d.Day < to).Select(d => d.Day).ToListAsync(cancellationToken)).ToHashSet();
        var sums = new Dictionary<Key, ChargebackSums<Key>>();
        foreach (var (granularity, start, end) in ChargebackRanges.Split(from, to, unsummed))
        {
            var parts = await db.UsageRollups.AsNoTracking()
                .Where(r => r.TenantId == tenantId && r.Granularity == granularity && r.Start >= start && r.Start < end)
                .GroupBy(r => new { r.TeamId, r.Model, r.PriceVersion })
                .Select(g => new
                {
                    g.Key.TeamId, g.Key.Model, g.Key.PriceVersion, Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors),
                    InputTokens = g.Sum(r => r.InputTokens), OutputTokens = g.Sum(r => r.OutputTokens), CachedInputTokens = g.Sum(r => r.CachedInputTokens),
                    CacheWriteTokens = g.Sum(r => r.CacheWriteTokens), ReasoningTokens = g.Sum(r => r.ReasoningTokens), CostMicros = g.Sum(r => r.CostMicros),
                    InputCostMicros = g.Sum(r => r.InputCostMicros), CachedInputCostMicros = g.Sum(r => r.CachedInputCostMicros),
                    CacheWriteCostMicros = g.Sum(r => r.CacheWriteCostMicros), OutputCostMicros = g.Sum(r => r.OutputCostMicros),
                    ReasoningCostMicros = g.Sum(r => r.ReasoningCostMicros),
                }).ToListAsync(cancellationToken);
            foreach (var p in parts)
            {
                var key = new Key(p.TeamId, p.Model, p.PriceVersion);
                if (!sums.TryGetValue(key, out var sum))
                {
                    sums[key] = sum = new ChargebackSums<Key> { Key = key };
                }

                sum.Add(new ChargebackSums<Key>
                {
                    Requests = p.Requests, Errors = p.Errors, InputTokens = p.InputTokens, OutputTokens = p.OutputTokens, CachedInputTokens = p.CachedInputTokens,
                    CacheWriteTokens = p.CacheWriteTokens, ReasoningTokens = p.ReasoningTokens, CostMicros = p.CostMicros,
                    InputCostMicros = p.InputCostMicros, CachedInputCostMicros = p.CachedInputCostMicros, CacheWriteCostMicros = p.CacheWriteCostMicros,
                    OutputCostMicros = p.OutputCostMicros, ReasoningCostMicros = p.ReasoningCostMicros,
                });
            }
        }

        return sums;
    }
}
