using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Dashboard;

internal static class AnalyticsTestData
{
    public static AnalyticsPointDto Point(DateTimeOffset start, long requests, long errors, double p95, long costMicros) =>
        FakeControlPlaneClient.EmptyPoint(start) with
        {
            Requests = requests, Errors = errors, ErrorRate = requests == 0 ? 0 : (double)errors / requests, LatencyP50Ms = p95 / 2,
            LatencyP95Ms = p95, LatencyP99Ms = p95 * 1.5, TtftP50Ms = 40, TtftP95Ms = 90, OutputTokensPerSecond = 55.5,
            InputTokens = requests * 100, OutputTokens = requests * 20, CachedInputTokens = requests * 25, CacheHitRate = 0.25, CostMicros = costMicros,
        };

    public static AnalyticsSeriesDto Series(string key, string? label, long requests, long errors, double p95, long costMicros, DateTimeOffset from) =>
        new(key, label, Point(from, requests, errors, p95, costMicros), [Point(from, requests, errors, p95, costMicros)]);

    /// <summary>An hourly answer over the last 24 hours of the fake clock with the given series.</summary>
    public static AnalyticsDto Hourly(string? groupBy, params AnalyticsSeriesDto[] series)
    {
        var to = FakeControlPlaneClient.Now;
        var from = to.AddHours(-24);
        var points = Enumerable.Range(0, 24).Select(h => Point(from.AddHours(h), 10 + h, h % 3, 200 + 10 * h, 1_000 * h)).ToList();
        var total = new AnalyticsSeriesDto("total", null, Point(from, points.Sum(p => p.Requests), points.Sum(p => p.Errors), 420, points.Sum(p => p.CostMicros)), points);
        return new AnalyticsDto(from, to, "hour", groupBy, 0.0488, total, series);
    }
}
