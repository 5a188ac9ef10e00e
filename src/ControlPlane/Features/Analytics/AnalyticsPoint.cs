using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>Sums and latency/TTFT histograms of one interval (or of a whole series), turned into rates and percentiles.</summary>
internal sealed class AnalyticsPoint
{
    private readonly long[] _latency = new long[LatencyBuckets.Count];
    private readonly long[] _ttft = new long[LatencyBuckets.Count];
    private long _requests, _errors, _streams, _input, _output, _cached, _written, _reasoning, _cost, _rateTokens;
    private double _rateMs;

    public long Requests => _requests;

    public void Add<TKey>(RollupSlice.Sums<TKey> s)
    {
        _requests += s.Requests;
        _errors += s.Errors;
        _streams += s.Streams;
        _input += s.InputTokens;
        _output += s.OutputTokens;
        _cached += s.CachedInputTokens;
        _written += s.CacheWriteTokens;
        _reasoning += s.ReasoningTokens;
        _cost += s.CostMicros;
        _rateTokens += s.RateOutputTokens;
        _rateMs += s.RateMs;
    }

    public void Add<TKey>(RollupSlice.Buckets<TKey> b)
    {
        var histogram = b.Metric == RollupMetric.Latency ? _latency : _ttft;
        histogram[Math.Clamp((int)b.Bucket, 0, LatencyBuckets.MaxBucket)] += b.Count;
    }

    public AnalyticsPointDto ToDto(DateTimeOffset start) => new(
        start,
        _requests,
        _errors,
        _requests == 0 ? 0 : (double)_errors / _requests,
        _streams,
        Round(LatencyBuckets.Percentile(_latency, 0.50)),
        Round(LatencyBuckets.Percentile(_latency, 0.95)),
        Round(LatencyBuckets.Percentile(_latency, 0.99)),
        Round(LatencyBuckets.Percentile(_ttft, 0.50)),
        Round(LatencyBuckets.Percentile(_ttft, 0.95)),
        Round(LatencyBuckets.Percentile(_ttft, 0.99)),
        _rateMs > 0 ? Round(_rateTokens / (_rateMs / 1000)) : null,
        _input,
        _output,
        _cached,
        _written,
        _reasoning,
        _input == 0 ? 0 : (double)_cached / _input,
        _cost);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
