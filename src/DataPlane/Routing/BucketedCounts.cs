namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Two counts over a sliding window of <c>buckets</c> consecutive epochs (an epoch is whatever time unit the owner
/// divides its clock by), lock-free: a bucket is reset by the first writer of a new epoch; a race at that moment can lose
/// a count. Serves the breaker's request/failure window and the retry budget's first-attempt/retry window.
/// </summary>
internal sealed class BucketedCounts
{
    private readonly long[] _epochs;
    private readonly int[] _first;
    private readonly int[] _second;

    public BucketedCounts(int buckets)
    {
        _epochs = new long[buckets];
        _first = new int[buckets];
        _second = new int[buckets];
        Clear();
    }

    /// <summary>Adds to the bucket of <paramref name="epoch"/>.</summary>
    public void Add(long epoch, int first, int second)
    {
        var index = (int)(epoch % _epochs.Length);
        var seen = Volatile.Read(ref _epochs[index]);
        if (seen != epoch && Interlocked.CompareExchange(ref _epochs[index], epoch, seen) == seen)
        {
            Interlocked.Exchange(ref _first[index], 0);
            Interlocked.Exchange(ref _second[index], 0);
        }

        if (first != 0)
        {
            Interlocked.Add(ref _first[index], first);
        }

        if (second != 0)
        {
            Interlocked.Add(ref _second[index], second);
        }
    }

    /// <summary>The sums over the window that ends with <paramref name="epoch"/>.</summary>
    public (int First, int Second) Sum(long epoch)
    {
        int first = 0, second = 0;
        for (var i = 0; i < _epochs.Length; i++)
        {
            var bucketEpoch = Volatile.Read(ref _epochs[i]);
            if (bucketEpoch <= epoch && bucketEpoch > epoch - _epochs.Length)
            {
                first += Volatile.Read(ref _first[i]);
                second += Volatile.Read(ref _second[i]);
            }
        }

        return (first, second);
    }

    /// <summary>Forgets every bucket.</summary>
    public void Clear()
    {
        for (var i = 0; i < _epochs.Length; i++)
        {
            Interlocked.Exchange(ref _epochs[i], long.MinValue);
        }
    }
}
