namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// The fixed log-scale buckets of the latency and time-to-first-token histograms kept in the rollups.
/// Bucket 0 holds values under <see cref="MinMs"/>; bucket <c>i ≥ 1</c> holds <c>[MinMs·G^(i−1), MinMs·G^i)</c> with
/// <c>G = </c><see cref="Growth"/> (1.1), up to <see cref="MaxBucket"/> (which also takes anything larger; records carry at most a
/// day, which falls in bucket 217). A bucket is reported as its geometric middle <c>MinMs·G^(i−1)·√G</c>, so any value of
/// at least <see cref="MinMs"/>, and so any percentile, is reported within <see cref="MaxRelativeError"/> = √1.1 − 1 ≈ 4.88 %
/// of its true value (values under 0.1 ms are reported as 0.1 ms).
/// </summary>
public static class LatencyBuckets
{
    public const double Growth = 1.1;
    public const double MinMs = 0.1;
    public const short MaxBucket = 220;
    public const int Count = MaxBucket + 1;

    public static readonly double MaxRelativeError = Math.Sqrt(Growth) - 1;

    private static readonly double LogGrowth = Math.Log(Growth);
    private static readonly double SqrtGrowth = Math.Sqrt(Growth);

    /// <summary>The bucket a value in milliseconds falls into (NaN and negative values: bucket 0).</summary>
    public static short Index(double ms)
    {
        if (!(ms >= MinMs))
        {
            return 0;
        }

        var index = Math.Floor(Math.Log(ms / MinMs) / LogGrowth) + 1;
        return index >= MaxBucket ? MaxBucket : (short)index;
    }

    /// <summary>The value a bucket is reported as, in milliseconds.</summary>
    public static double Value(int bucket) => bucket <= 0 ? MinMs : MinMs * Math.Pow(Growth, bucket - 1) * SqrtGrowth;

    /// <summary>
    /// The nearest-rank percentile (the value at rank ⌈p·n⌉ of the n values in order) of a histogram of
    /// <see cref="Count"/> bucket counts, as its bucket's value; null when the histogram is empty.
    /// </summary>
    public static double? Percentile(long[] counts, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Length, Count);
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Value(i);
            }
        }

        return Value(MaxBucket);
    }
}
