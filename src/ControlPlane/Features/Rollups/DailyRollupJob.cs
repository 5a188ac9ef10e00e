using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Hourly: sums the hourly rollups of every marked (<see cref="RollupDirtyDay"/>) tenant day into its daily rollups.
/// Idempotent: a day's daily rows are replaced (deleted and summed again from its hours) in one transaction, so running
/// twice, or after late usage changed an old day, gives the same rows as running once over the final hours.
/// </summary>
public sealed class DailyRollupJob(ControlPlaneDbContext db)
{
    public const string Id = "switchyard-daily-rollups";
    private const int DaysPerQuery = 200;

    /// <summary>Returns the number of tenant days summed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var done = new HashSet<(Guid, DateTimeOffset)>();
        while (true)
        {
            var marked = await db.Set<RollupDirtyDay>().AsNoTracking().OrderBy(d => d.Day).ThenBy(d => d.TenantId)
                .Take(DaysPerQuery + done.Count).ToListAsync(cancellationToken);
            var todo = marked.Where(d => !done.Contains((d.TenantId, d.Day))).ToList();
            if (todo.Count == 0)
            {
                return done.Count;
            }

            foreach (var day in todo)
            {
                await SumDayAsync(day, cancellationToken);
                done.Add((day.TenantId, day.Day));
            }
        }
    }

    private async Task SumDayAsync(RollupDirtyDay day, CancellationToken cancellationToken)
    {
        var tenant = day.TenantId;
        var start = day.Day;
        var end = start.AddDays(1);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<UsageRollup>().Where(r => r.Granularity == RollupGranularity.Day && r.TenantId == tenant && r.Start == start).ExecuteDeleteAsync(cancellationToken);
        await db.Set<UsageRollupBucket>().Where(r => r.Granularity == RollupGranularity.Day && r.TenantId == tenant && r.Start == start).ExecuteDeleteAsync(cancellationToken);
        await db.Set<UsageTagRollup>().Where(r => r.Granularity == RollupGranularity.Day && r.TenantId == tenant && r.Start == start).ExecuteDeleteAsync(cancellationToken);

        var rollups = await db.Set<UsageRollup>().AsNoTracking()
            .Where(r => r.Granularity == RollupGranularity.Hour && r.TenantId == tenant && r.Start >= start && r.Start < end)
            .GroupBy(r => new { r.TeamId, r.KeyId, r.Model, r.DeploymentId, r.PriceVersion })
            .Select(g => new UsageRollup
            {
                Granularity = RollupGranularity.Day, Start = start, TenantId = tenant, TeamId = g.Key.TeamId, KeyId = g.Key.KeyId, Model = g.Key.Model,
                DeploymentId = g.Key.DeploymentId, PriceVersion = g.Key.PriceVersion,
                Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors), Streams = g.Sum(r => r.Streams),
                InputTokens = g.Sum(r => r.InputTokens), OutputTokens = g.Sum(r => r.OutputTokens),
                CachedInputTokens = g.Sum(r => r.CachedInputTokens), CacheWriteTokens = g.Sum(r => r.CacheWriteTokens),
                ReasoningTokens = g.Sum(r => r.ReasoningTokens), CostMicros = g.Sum(r => r.CostMicros),
                InputCostMicros = g.Sum(r => r.InputCostMicros), CachedInputCostMicros = g.Sum(r => r.CachedInputCostMicros),
                CacheWriteCostMicros = g.Sum(r => r.CacheWriteCostMicros), OutputCostMicros = g.Sum(r => r.OutputCostMicros),
                ReasoningCostMicros = g.Sum(r => r.ReasoningCostMicros),
                LatencyMsSum = g.Sum(r => r.LatencyMsSum), TtftCount = g.Sum(r => r.TtftCount), TtftMsSum = g.Sum(r => r.TtftMsSum),
                RateOutputTokens = g.Sum(r => r.RateOutputTokens), RateMs = g.Sum(r => r.RateMs),
            }).ToListAsync(cancellationToken);
        var buckets = await db.Set<UsageRollupBucket>().AsNoTracking()
            .Where(r => r.Granularity == RollupGranularity.Hour && r.TenantId == tenant && r.Start >= start && r.Start < end)
            .GroupBy(r => new { r.TeamId, r.KeyId, r.Model, r.DeploymentId, r.PriceVersion, r.Metric, r.Bucket })
            .Select(g => new UsageRollupBucket
            {
                Granularity = RollupGranularity.Day, Start = start, TenantId = tenant, TeamId = g.Key.TeamId, KeyId = g.Key.KeyId, Model = g.Key.Model,
                DeploymentId = g.Key.DeploymentId, PriceVersion = g.Key.PriceVersion, Metric = g.Key.Metric, Bucket = g.Key.Bucket,
                Count = g.Sum(r => r.Count),
            }).ToListAsync(cancellationToken);
        var tags = await db.Set<UsageTagRollup>().AsNoTracking()
            .Where(r => r.Granularity == RollupGranularity.Hour && r.TenantId == tenant && r.Start >= start && r.Start < end)
            .GroupBy(r => new { r.Tag, r.TeamId, r.Model, r.PriceVersion })
            .Select(g => new UsageTagRollup
            {
                Granularity = RollupGranularity.Day, Start = start, TenantId = tenant, Tag = g.Key.Tag, TeamId = g.Key.TeamId, Model = g.Key.Model,
                PriceVersion = g.Key.PriceVersion,
                Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors), InputTokens = g.Sum(r => r.InputTokens),
                OutputTokens = g.Sum(r => r.OutputTokens), CachedInputTokens = g.Sum(r => r.CachedInputTokens),
                CacheWriteTokens = g.Sum(r => r.CacheWriteTokens), ReasoningTokens = g.Sum(r => r.ReasoningTokens), CostMicros = g.Sum(r => r.CostMicros),
                InputCostMicros = g.Sum(r => r.InputCostMicros), CachedInputCostMicros = g.Sum(r => r.CachedInputCostMicros),
                CacheWriteCostMicros = g.Sum(r => r.CacheWriteCostMicros), OutputCostMicros = g.Sum(r => r.OutputCostMicros),
                ReasoningCostMicros = g.Sum(r => r.ReasoningCostMicros),
            }).ToListAsync(cancellationToken);

        db.AddRange(rollups);
        db.AddRange(buckets);
        db.AddRange(tags);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // Still marked if an ingest changed the day since it was read: summed again next run.
        var version = day.Version;
        await db.Set<RollupDirtyDay>().Where(d => d.TenantId == tenant && d.Day == start && d.Version == version).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
