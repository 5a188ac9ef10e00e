using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.Testing.Rollups;

/// <summary>
/// Generated usage and the check that a tenant's rollups equal its raw ledger: the expected hourly rows are summed here
/// from the stored records with LINQ, independently of the rollup code, and compared field by field.
/// </summary>
public static class RollupLedger
{
    public static readonly string[] Models = ["gpt-4o", "claude-sonnet", "gemini-flash"];

    /// <summary>Varied records of one tenant spread over <paramref name="span"/> from <paramref name="start"/>.</summary>
    public static List<UsageRecord> Generate(Random random, Guid tenantId, int count, DateTimeOffset start, TimeSpan span)
    {
        var teams = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();
        var keys = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        Guid?[] deployments = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), null];
        string?[] prices = ["price:a", "price:b", null];
        string[] tags = ["cost-center:4711", "app:search", "env:prod"];
        var records = new List<UsageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var stream = random.Next(3) == 0;
            var status = random.Next(20) switch { 0 => 500, 1 => 429, _ => 200 };

            // Log-normal-ish latencies from ~20 ms to ~60 s: a wide range exercises many buckets.
            var latency = Math.Round(Math.Exp(3 + random.NextDouble() * 8), 3);
            double? ttft = stream ? Math.Round(latency * (0.05 + random.NextDouble() * 0.5), 3) : null;
            var prompt = random.Next(1, 5000);
            var cost = random.Next(0, 100_000);
            records.Add(new UsageRecord(
                Guid.CreateVersion7(), start + span * random.NextDouble(), "node-1", tenantId, teams[random.Next(teams.Length)],
                keys[random.Next(keys.Length)], "chat.completions", Models[random.Next(Models.Length)], null,
                deployments[random.Next(deployments.Length)], "mock", "mock-1", stream, prompt, status == 200 ? random.Next(0, 2000) : 0,
                status, status == 200 ? null : "upstream_error", latency, ttft,
                CachedInputTokens: random.Next(2) == 0 ? random.Next(0, prompt) : 0, CacheWriteTokens: random.Next(0, 50),
                ReasoningTokens: random.Next(0, 100), CostMicros: cost, PriceVersion: prices[random.Next(prices.Length)],
                Tags: random.Next(3) == 0 ? null : tags.Where(_ => random.Next(2) == 0).ToList(), CostParts: random.Next(4) == 0 ? null : Split(random, cost)));
        }

        return records;
    }

    /// <summary>A record's cost cut at random into its five token kinds (adding up to it, as a node's split does).</summary>
    public static UsageCostParts Split(Random random, long cost)
    {
        var cuts = Enumerable.Range(0, 4).Select(_ => (long)(random.NextDouble() * cost)).Order().ToArray();
        return new UsageCostParts(cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2], cost - cuts[3]);
    }

    /// <summary>The five parts of a stored row or record, in token-kind order.</summary>
    public static (long Input, long Cached, long Write, long Output, long Reasoning) Parts(long input, long cached, long write, long output, long reasoning) =>
        (input, cached, write, output, reasoning);

    /// <summary>Asserts that the tenant's hourly rollups, histogram buckets and tag rollups equal its stored records.</summary>
    public static async Task AssertMatchesAsync(ControlPlaneDbContext db, Guid tenantId, RollupGranularity granularity = RollupGranularity.Hour)
    {
        var records = await db.UsageRecords.IgnoreQueryFilters().AsNoTracking().Where(u => u.TenantId == tenantId).ToListAsync();
        var rollups = await db.UsageRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity).ToListAsync();
        var buckets = await db.UsageRollupBuckets.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity).ToListAsync();
        var tagRows = await db.UsageTagRollups.AsNoTracking().Where(r => r.TenantId == tenantId && r.Granularity == granularity).ToListAsync();
        Func<DateTimeOffset, DateTimeOffset> period = granularity == RollupGranularity.Hour
            ? t => new DateTimeOffset(t.UtcDateTime.Date.AddHours(t.UtcDateTime.Hour), TimeSpan.Zero)
            : t => new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero);

        var expected = records
            .GroupBy(u => (Start: period(u.Timestamp), u.TeamId, u.KeyId, u.Model, Deployment: u.DeploymentId ?? Guid.Empty, Price: u.PriceVersion ?? ""))
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, rollups.Count);
        foreach (var row in rollups)
        {
            var group = expected[(row.Start, row.TeamId, row.KeyId, row.Model, row.DeploymentId, row.PriceVersion)];
            var rated = group.Where(u => u.StatusCode < 400 && u.CompletionTokens > 0).ToList();
            Assert.Equal(
                (group.Count, group.Count(u => u.StatusCode >= 400), group.Count(u => u.Stream), group.Sum(u => (long)u.PromptTokens),
                    group.Sum(u => (long)u.CompletionTokens), group.Sum(u => (long)u.CachedInputTokens), group.Sum(u => (long)u.CacheWriteTokens),
                    group.Sum(u => (long)u.ReasoningTokens), group.Sum(u => u.CostMicros), group.Count(u => u.TimeToFirstTokenMs is not null),
                    rated.Sum(u => (long)u.CompletionTokens)),
                (row.Requests, row.Errors, row.Streams, row.InputTokens, row.OutputTokens, row.CachedInputTokens, row.CacheWriteTokens,
                    row.ReasoningTokens, row.CostMicros, row.TtftCount, row.RateOutputTokens));
            Assert.Equal(
                Parts(group.Sum(u => u.InputCostMicros), group.Sum(u => u.CachedInputCostMicros), group.Sum(u => u.CacheWriteCostMicros),
                    group.Sum(u => u.OutputCostMicros), group.Sum(u => u.ReasoningCostMicros)),
                Parts(row.InputCostMicros, row.CachedInputCostMicros, row.CacheWriteCostMicros, row.OutputCostMicros, row.ReasoningCostMicros));
            AssertClose(group.Sum(u => u.LatencyMs), row.LatencyMsSum);
            AssertClose(group.Sum(u => u.TimeToFirstTokenMs ?? 0), row.TtftMsSum);
            AssertClose(rated.Sum(u => u.LatencyMs - (u.TimeToFirstTokenMs ?? 0)), row.RateMs);
        }

        var expectedBuckets = records
            .SelectMany(u => new[] { (Metric: RollupMetric.Latency, Ms: (double?)u.LatencyMs), (Metric: RollupMetric.TimeToFirstToken, Ms: u.TimeToFirstTokenMs) }
                .Where(m => m.Ms is not null)
                .Select(m => (period(u.Timestamp), u.TeamId, u.KeyId, u.Model, u.DeploymentId ?? Guid.Empty, u.PriceVersion ?? "", m.Metric, LatencyBuckets.Index(m.Ms!.Value))))
            .GroupBy(k => k).Select(g => (g.Key, (long)g.Count())).OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        var actualBuckets = buckets
            .Select(b => ((b.Start, b.TeamId, b.KeyId, b.Model, b.DeploymentId, b.PriceVersion, b.Metric, b.Bucket), b.Count))
            .OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(expectedBuckets, actualBuckets);

        var expectedTags = records
            .SelectMany(u => (u.Tags ?? []).Distinct().Select(tag => (Key: (period(u.Timestamp), tag, u.TeamId, u.Model, u.PriceVersion ?? ""), Record: u)))
            .GroupBy(x => x.Key, x => x.Record)
            .Select(g => (g.Key, g.Count(), g.Sum(u => u.CostMicros), g.Sum(u => (long)u.PromptTokens), g.Sum(u => (long)u.CompletionTokens),
                Parts(g.Sum(u => u.InputCostMicros), g.Sum(u => u.CachedInputCostMicros), g.Sum(u => u.CacheWriteCostMicros), g.Sum(u => u.OutputCostMicros),
                    g.Sum(u => u.ReasoningCostMicros))))
            .OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        var actualTags = tagRows
            .Select(t => ((t.Start, t.Tag, t.TeamId, t.Model, t.PriceVersion), (int)t.Requests, t.CostMicros, t.InputTokens, t.OutputTokens,
                Parts(t.InputCostMicros, t.CachedInputCostMicros, t.CacheWriteCostMicros, t.OutputCostMicros, t.ReasoningCostMicros)))
            .OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(expectedTags, actualTags);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
