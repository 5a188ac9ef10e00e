using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>
/// Builds the analytics answer from the hourly rollups only: a total series, and with <c>groupBy</c> one series per group
/// (the <c>limit</c> largest by requests), each with a point per interval and a summary. Percentiles come from the
/// summed histogram buckets (see <see cref="LatencyBuckets"/> for the bound).
/// </summary>
internal static class AnalyticsQuery
{
    /// <param name="scope">A tenant member's key scope: a developer's answer counts only their teams' and own personal keys.</param>
    public static async Task<AnalyticsDto> RunAsync(
        ControlPlaneDbContext db, Guid? tenantId, AnalyticsRequest request, CancellationToken cancellationToken, KeyScope? scope = null)
    {
        var (from, to) = (request.From, request.To);
        var rows = db.UsageRollups.AsNoTracking().Where(r => r.Granularity == RollupGranularity.Hour && r.Start >= from && r.Start < to);
        var buckets = db.UsageRollupBuckets.AsNoTracking().Where(r => r.Granularity == RollupGranularity.Hour && r.Start >= from && r.Start < to);
        if (tenantId is { } tenant)
        {
            rows = rows.Where(r => r.TenantId == tenant);
            buckets = buckets.Where(r => r.TenantId == tenant);
            if (scope is not null)
            {
                var keys = db.VirtualKeys.Where(k => k.TenantId == tenant);
                rows = scope.FilterUsage(rows, keys);
                buckets = scope.FilterUsage(buckets, keys);
            }
        }

        // Grouped by the granularity, which all these rows share: one group, the total.
        var total = (await SeriesAsync(rows, buckets, r => r.Granularity, r => r.Granularity, null, request, cancellationToken)).SingleOrDefault();
        var series = request.GroupBy switch
        {
            "model" => Keyed(await SeriesAsync(rows, buckets, r => r.Model, r => r.Model, request.Limit, request, cancellationToken), m => m, null),
            "team" => await LabelledAsync(await SeriesAsync(rows, buckets, r => r.TeamId, r => r.TeamId, request.Limit, request, cancellationToken),
                ids => db.Teams.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken)),
            "key" => await LabelledAsync(await SeriesAsync(rows, buckets, r => r.KeyId, r => r.KeyId, request.Limit, request, cancellationToken),
                ids => db.VirtualKeys.IgnoreQueryFilters().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken)),
            "deployment" => await LabelledAsync(await SeriesAsync(rows, buckets, r => r.DeploymentId, r => r.DeploymentId, request.Limit, request, cancellationToken),
                ids => db.RouteDeployments.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.ProviderKind + ":" + d.UpstreamModel, cancellationToken)),
            "tenant" => await LabelledAsync(await SeriesAsync(rows, buckets, r => r.TenantId, r => r.TenantId, request.Limit, request, cancellationToken),
                ids => db.Tenants.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken)),
            _ => [],
        };

        return new AnalyticsDto(from, to, request.Interval, request.GroupBy, LatencyBuckets.MaxRelativeError,
            total.Series is { } t ? t with { Key = "total" } : new AnalyticsSeriesDto("total", null, new AnalyticsPoint().ToDto(from), []),
            series);
    }

    private static async Task<List<(TKey Key, AnalyticsSeriesDto Series)>> SeriesAsync<TKey>(
        IQueryable<UsageRollup> rows, IQueryable<UsageRollupBucket> buckets, Expression<Func<UsageRollup, TKey>> rowKey,
        Expression<Func<UsageRollupBucket, TKey>> bucketKey, int? limit, AnalyticsRequest request, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var only = limit is { } n ? await RollupSlice.TopKeysAsync(rows, rowKey, n, cancellationToken) : null;
        var sums = await RollupSlice.SumsAsync(rows, rowKey, only, cancellationToken);
        var histograms = await RollupSlice.BucketsAsync(buckets, bucketKey, only, cancellationToken);

        var points = new Dictionary<TKey, SortedDictionary<DateTimeOffset, AnalyticsPoint>>();
        var summaries = new Dictionary<TKey, AnalyticsPoint>();
        AnalyticsPoint Point(TKey key, DateTimeOffset hour)
        {
            if (!points.TryGetValue(key, out var byStart))
            {
                points[key] = byStart = [];
                summaries[key] = new AnalyticsPoint();
            }

            var start = IntervalStart(hour, request.Interval);
            if (!byStart.TryGetValue(start, out var point))
            {
                byStart[start] = point = new AnalyticsPoint();
            }

            return point;
        }

        foreach (var s in sums)
        {
            Point(s.Key, s.Start).Add(s);
            summaries[s.Key].Add(s);
        }

        foreach (var b in histograms)
        {
            Point(b.Key, b.Start).Add(b);
            summaries[b.Key].Add(b);
        }

        return points
            .Select(kv => (kv.Key, new AnalyticsSeriesDto(
                kv.Key.ToString()!, null, summaries[kv.Key].ToDto(request.From), kv.Value.Select(p => p.Value.ToDto(p.Key)).ToList())))
            .OrderByDescending(s => s.Item2.Summary.Requests).ThenBy(s => s.Item2.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static DateTimeOffset IntervalStart(DateTimeOffset hour, string interval) => interval == "day" ? RollupBatch.DayOf(hour) : hour;

    private static List<AnalyticsSeriesDto> Keyed<TKey>(List<(TKey Key, AnalyticsSeriesDto Series)> series, Func<TKey, string> key, string? label) =>
        series.ConvertAll(s => s.Series with { Key = key(s.Key), Label = label });

    private static async Task<List<AnalyticsSeriesDto>> LabelledAsync(
        List<(Guid Key, AnalyticsSeriesDto Series)> series, Func<List<Guid>, Task<Dictionary<Guid, string>>> names)
    {
        var labels = await names(series.ConvertAll(s => s.Key));
        return series.ConvertAll(s => s.Series with
        {
            Label = s.Key == Guid.Empty ? "(none)" : labels.GetValueOrDefault(s.Key),
        });
    }
}
