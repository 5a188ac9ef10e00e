namespace Switchyard.DataPlane.Routing;

/// <summary>
/// A route's retry budget on this node: retries are allowed while they stay within <c>BudgetPercent</c> of the route's
/// first attempts over the last <see cref="WindowSeconds"/> seconds, plus a small floor (<see cref="MinRetriesPerWindow"/>)
/// so a quiet route can still fail over. With 100 % retries never more than double upstream traffic. Lock-free (ten
/// one-second buckets; a race at a bucket change can lose a count).
/// </summary>
public sealed class RetryBudget
{
    public const int WindowSeconds = 10;
    public const int MinRetriesPerWindow = 10;

    private readonly long[] _epochs = new long[WindowSeconds];
    private readonly int[] _firsts = new int[WindowSeconds];
    private readonly int[] _retries = new int[WindowSeconds];

    public RetryBudget()
    {
        Array.Fill(_epochs, long.MinValue);
    }

    /// <summary>Counts a request's first attempt.</summary>
    public void FirstAttempt(long nowTicks) => Interlocked.Increment(ref _firsts[Bucket(nowTicks)]);

    /// <summary>True (and counted) when one more retry fits the budget.</summary>
    public bool TryRetry(long nowTicks, int budgetPercent)
    {
        var epoch = nowTicks / TimeSpan.TicksPerSecond;
        long firsts = 0, retries = 0;
        for (var i = 0; i < WindowSeconds; i++)
        {
            var bucketEpoch = Volatile.Read(ref _epochs[i]);
            if (bucketEpoch <= epoch && bucketEpoch > epoch - WindowSeconds)
            {
                firsts += Volatile.Read(ref _firsts[i]);
                retries += Volatile.Read(ref _retries[i]);
            }
        }

        if (retries >= MinRetriesPerWindow + (firsts * budgetPercent / 100))
        {
            return false;
        }

        Interlocked.Increment(ref _retries[Bucket(nowTicks)]);
        return true;
    }

    private int Bucket(long nowTicks)
    {
        var epoch = nowTicks / TimeSpan.TicksPerSecond;
        var index = (int)(epoch % WindowSeconds);
        var seen = Volatile.Read(ref _epochs[index]);
        if (seen != epoch && Interlocked.CompareExchange(ref _epochs[index], epoch, seen) == seen)
        {
            Interlocked.Exchange(ref _firsts[index], 0);
            Interlocked.Exchange(ref _retries[index], 0);
        }

        return index;
    }
}
