using Switchyard.ControlPlane.Features.Usage;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// The hourly rollup rows a set of usage records adds, summed in memory (one row per key), each table's rows sorted in
/// one global key order so concurrent writers lock rows in the same order. A record lands in the hour of its own
/// timestamp, however late it arrives.
/// </summary>
internal sealed class RollupBatch
{
    private readonly Dictionary<RollupKey, UsageRollup> _rollups = [];
    private readonly Dictionary<(RollupKey Key, RollupMetric Metric, short Bucket), UsageRollupBucket> _buckets = [];
    private readonly Dictionary<(DateTimeOffset Start, Guid TenantId, string Tag, Guid TeamId, string Model, string PriceVersion), UsageTagRollup> _tags = [];
    private readonly Dictionary<(Guid TenantId, DateTimeOffset Day), RollupDirtyDay> _days = [];

    public static RollupBatch From(IEnumerable<UsageRecordEntity> records)
    {
        var batch = new RollupBatch();
        foreach (var record in records)
        {
            batch.Add(record);
        }

        return batch;
    }

    public static DateTimeOffset HourOf(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
    }

    public static DateTimeOffset DayOf(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerDay, TimeSpan.Zero);
    }

    public static bool IsError(UsageRecordEntity record) => record.StatusCode >= 400;

    /// <summary>Generation time in ms for output tokens per second: latency after the first token when it is known.</summary>
    public static double GenerationMs(UsageRecordEntity record) =>
        record.TimeToFirstTokenMs is { } ttft && ttft < record.LatencyMs ? record.LatencyMs - ttft : record.LatencyMs;

    public static bool CountsForRate(UsageRecordEntity record) => !IsError(record) && record.CompletionTokens > 0 && GenerationMs(record) > 0;

    public IReadOnlyList<UsageRollup> Rollups => _rollups.OrderBy(kv => kv.Key, RollupKey.Comparer).Select(kv => kv.Value).ToList();

    public IReadOnlyList<UsageRollupBucket> Buckets => _buckets
        .OrderBy(kv => kv.Key.Key, RollupKey.Comparer).ThenBy(kv => kv.Key.Metric).ThenBy(kv => kv.Key.Bucket).Select(kv => kv.Value).ToList();

    public IReadOnlyList<UsageTagRollup> Tags => _tags
        .OrderBy(kv => kv.Key.Start).ThenBy(kv => kv.Key.TenantId).ThenBy(kv => kv.Key.Tag, StringComparer.Ordinal).ThenBy(kv => kv.Key.TeamId)
        .ThenBy(kv => kv.Key.Model, StringComparer.Ordinal).ThenBy(kv => kv.Key.PriceVersion, StringComparer.Ordinal).Select(kv => kv.Value).ToList();

    public IReadOnlyList<RollupDirtyDay> Days => _days.OrderBy(kv => kv.Key.TenantId).ThenBy(kv => kv.Key.Day).Select(kv => kv.Value).ToList();

    private void Add(UsageRecordEntity r)
    {
        var hour = HourOf(r.Timestamp);
        var key = new RollupKey(hour, r.TenantId, r.TeamId, r.KeyId, r.Model, r.DeploymentId ?? Guid.Empty, r.PriceVersion ?? "");
        if (!_rollups.TryGetValue(key, out var row))
        {
            _rollups[key] = row = new UsageRollup
            {
                Granularity = RollupGranularity.Hour, Start = hour, TenantId = key.TenantId, TeamId = key.TeamId, KeyId = key.KeyId,
                Model = key.Model, DeploymentId = key.DeploymentId, PriceVersion = key.PriceVersion,
            };
        }

        var error = IsError(r);
        row.Requests++;
        row.Errors += error ? 1 : 0;
        row.Streams += r.Stream ? 1 : 0;
        row.InputTokens += r.PromptTokens;
        row.OutputTokens += r.CompletionTokens;
        row.CachedInputTokens += r.CachedInputTokens;
        row.CacheWriteTokens += r.CacheWriteTokens;
        row.ReasoningTokens += r.ReasoningTokens;
        row.AddCosts(r);
        row.LatencyMsSum += r.LatencyMs;
        AddToBucket(key, RollupMetric.Latency, r.LatencyMs);
        if (r.TimeToFirstTokenMs is { } ttft)
        {
            row.TtftCount++;
            row.TtftMsSum += ttft;
            AddToBucket(key, RollupMetric.TimeToFirstToken, ttft);
        }

        if (CountsForRate(r))
        {
            row.RateOutputTokens += r.CompletionTokens;
            row.RateMs += GenerationMs(r);
        }

        foreach (var tag in r.Tags?.Distinct(StringComparer.Ordinal) ?? [])
        {
            var tagKey = (hour, r.TenantId, tag, r.TeamId, r.Model, key.PriceVersion);
            if (!_tags.TryGetValue(tagKey, out var t))
            {
                _tags[tagKey] = t = new UsageTagRollup
                {
                    Granularity = RollupGranularity.Hour, Start = hour, TenantId = r.TenantId, Tag = tag, TeamId = r.TeamId, Model = r.Model,
                    PriceVersion = key.PriceVersion,
                };
            }

            t.Requests++;
            t.Errors += error ? 1 : 0;
            t.InputTokens += r.PromptTokens;
            t.OutputTokens += r.CompletionTokens;
            t.CachedInputTokens += r.CachedInputTokens;
            t.CacheWriteTokens += r.CacheWriteTokens;
            t.ReasoningTokens += r.ReasoningTokens;
            t.AddCosts(r);
        }

        var day = DayOf(r.Timestamp);
        _days.TryAdd((r.TenantId, day), new RollupDirtyDay { TenantId = r.TenantId, Day = day, Version = 1 });
    }

    private void AddToBucket(RollupKey key, RollupMetric metric, double ms)
    {
        var bucket = LatencyBuckets.Index(ms);
        if (!_buckets.TryGetValue((key, metric, bucket), out var row))
        {
            _buckets[(key, metric, bucket)] = row = new UsageRollupBucket
            {
                Granularity = RollupGranularity.Hour, Start = key.Start, TenantId = key.TenantId, TeamId = key.TeamId, KeyId = key.KeyId,
                Model = key.Model, DeploymentId = key.DeploymentId, PriceVersion = key.PriceVersion, Metric = metric, Bucket = bucket,
            };
        }

        row.Count++;
    }

    private readonly record struct RollupKey(DateTimeOffset Start, Guid TenantId, Guid TeamId, Guid KeyId, string Model, Guid DeploymentId, string PriceVersion)
    {
        public static readonly IComparer<RollupKey> Comparer = Comparer<RollupKey>.Create(static (a, b) =>
        {
            var c = a.Start.UtcTicks.CompareTo(b.Start.UtcTicks);
            c = c != 0 ? c : a.TenantId.CompareTo(b.TenantId);
            c = c != 0 ? c : a.TeamId.CompareTo(b.TeamId);
            c = c != 0 ? c : a.KeyId.CompareTo(b.KeyId);
            c = c != 0 ? c : string.CompareOrdinal(a.Model, b.Model);
            c = c != 0 ? c : a.DeploymentId.CompareTo(b.DeploymentId);
            c = c != 0 ? c : string.CompareOrdinal(a.PriceVersion, b.PriceVersion);
            return c;
        });
    }
}
