using Switchyard.ControlPlane.Features.Rollups;

namespace Switchyard.ControlPlane.Tests.Features.Rollups;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void Value_AnyLatencyFromMinimumToOneDay_WithinStatedRelativeError()
    {
        var worst = 0.0;
        for (var ms = LatencyBuckets.MinMs; ms <= 86_400_000; ms *= 1.0037)
        {
            foreach (var v in new[] { ms, Math.BitDecrement(ms), Math.BitIncrement(ms) })
            {
                var reported = LatencyBuckets.Value(LatencyBuckets.Index(v));
                worst = Math.Max(worst, Math.Abs(reported - v) / v);
            }
        }

        Assert.InRange(LatencyBuckets.MaxRelativeError, 0.048, 0.049);
        Assert.InRange(worst, 0.04, LatencyBuckets.MaxRelativeError + 1e-9);
        Assert.True(LatencyBuckets.Index(86_400_000) < LatencyBuckets.MaxBucket);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Percentile_GeneratedLatencies_WithinBoundOfNearestRankPercentile(double p)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 10_000).Select(_ => Math.Exp(random.NextDouble() * 12)).ToArray();
        var counts = new long[LatencyBuckets.Count];
        foreach (var v in values)
        {
            counts[LatencyBuckets.Index(v)]++;
        }

        var sorted = values.Order().ToArray();
        var exact = sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
        var estimate = LatencyBuckets.Percentile(counts, p)!.Value;

        Assert.InRange(Math.Abs(estimate - exact) / exact, 0, LatencyBuckets.MaxRelativeError);
    }

    [Fact]
    public void Percentile_Empty_Null() => Assert.Null(LatencyBuckets.Percentile(new long[LatencyBuckets.Count], 0.5));
}
