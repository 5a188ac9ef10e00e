using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Switchyard.ControlPlane.Features.Rollups;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>
/// Hourly rollup sums and histogram buckets per (group key, hour), summed by the database: the only reads behind
/// analytics (never the raw records).
/// </summary>
internal static class RollupSlice
{
    public sealed class Sums<TKey>
    {
        public TKey Key { get; set; } = default!;
        public DateTimeOffset Start { get; set; }
        public long Requests { get; set; }
        public long Errors { get; set; }
        public long Streams { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public long CachedInputTokens { get; set; }
        public long CacheWriteTokens { get; set; }
        public long ReasoningTokens { get; set; }
        public long CostMicros { get; set; }
        public long RateOutputTokens { get; set; }
        public double RateMs { get; set; }
    }

    public sealed class Buckets<TKey>
    {
        public TKey Key { get; set; } = default!;
        public DateTimeOffset Start { get; set; }
        public RollupMetric Metric { get; set; }
        public short Bucket { get; set; }
        public long Count { get; set; }
    }

    /// <summary>The <paramref name="limit"/> keys with the most requests.</summary>
    public static Task<List<TKey>> TopKeysAsync<TKey>(
        IQueryable<UsageRollup> rows, Expression<Func<UsageRollup, TKey>> key, int limit, CancellationToken cancellationToken) =>
        rows.GroupBy(key).Select(g => new { g.Key, Requests = g.Sum(r => r.Requests) })
            .OrderByDescending(g => g.Requests).Select(g => g.Key).Take(limit).ToListAsync(cancellationToken);

    public static Task<List<Sums<TKey>>> SumsAsync<TKey>(
        IQueryable<UsageRollup> rows, Expression<Func<UsageRollup, TKey>> key, List<TKey>? only, CancellationToken cancellationToken)
    {
        Expression<Func<UsageRollup, TKey, Sums<TKey>>> template = (r, k) => new Sums<TKey>
        {
            Key = k, Start = r.Start, Requests = r.Requests, Errors = r.Errors, Streams = r.Streams, InputTokens = r.InputTokens,
            OutputTokens = r.OutputTokens, CachedInputTokens = r.CachedInputTokens, CacheWriteTokens = r.CacheWriteTokens,
            ReasoningTokens = r.ReasoningTokens, CostMicros = r.CostMicros, RateOutputTokens = r.RateOutputTokens, RateMs = r.RateMs,
        };
        var parts = rows.Select(Bind(template, key));
        if (only is not null)
        {
            parts = parts.Where(p => only.Contains(p.Key));
        }

        return parts.GroupBy(p => new { p.Key, p.Start }).Select(g => new Sums<TKey>
        {
            Key = g.Key.Key, Start = g.Key.Start, Requests = g.Sum(p => p.Requests), Errors = g.Sum(p => p.Errors), Streams = g.Sum(p => p.Streams),
            InputTokens = g.Sum(p => p.InputTokens), OutputTokens = g.Sum(p => p.OutputTokens), CachedInputTokens = g.Sum(p => p.CachedInputTokens),
            CacheWriteTokens = g.Sum(p => p.CacheWriteTokens), ReasoningTokens = g.Sum(p => p.ReasoningTokens), CostMicros = g.Sum(p => p.CostMicros),
            RateOutputTokens = g.Sum(p => p.RateOutputTokens), RateMs = g.Sum(p => p.RateMs),
        }).ToListAsync(cancellationToken);
    }

    public static Task<List<Buckets<TKey>>> BucketsAsync<TKey>(
        IQueryable<UsageRollupBucket> rows, Expression<Func<UsageRollupBucket, TKey>> key, List<TKey>? only, CancellationToken cancellationToken)
    {
        Expression<Func<UsageRollupBucket, TKey, Buckets<TKey>>> template = (r, k) => new Buckets<TKey>
        {
            Key = k, Start = r.Start, Metric = r.Metric, Bucket = r.Bucket, Count = r.Count,
        };
        var parts = rows.Select(Bind(template, key));
        if (only is not null)
        {
            parts = parts.Where(p => only.Contains(p.Key));
        }

        return parts.GroupBy(p => new { p.Key, p.Start, p.Metric, p.Bucket }).Select(g => new Buckets<TKey>
        {
            Key = g.Key.Key, Start = g.Key.Start, Metric = g.Key.Metric, Bucket = g.Key.Bucket, Count = g.Sum(p => p.Count),
        }).ToListAsync(cancellationToken);
    }

    /// <summary><c>r =&gt; template(r, key(r))</c> as one expression the database can run.</summary>
    private static Expression<Func<TRow, TResult>> Bind<TRow, TKey, TResult>(Expression<Func<TRow, TKey, TResult>> template, Expression<Func<TRow, TKey>> key)
    {
        var row = template.Parameters[0];
        var keyBody = ReplacingExpressionVisitor.Replace(key.Parameters[0], row, key.Body);
        return Expression.Lambda<Func<TRow, TResult>>(ReplacingExpressionVisitor.Replace(template.Parameters[1], keyBody, template.Body), row);
    }
}
