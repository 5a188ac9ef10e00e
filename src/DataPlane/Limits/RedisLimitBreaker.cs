namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Keeps requests off an unreachable Redis: after <see cref="RateLimitingOptions.BreakerFailures"/> consecutive failures
/// it opens for <see cref="RateLimitingOptions.BreakerOpenSeconds"/>, then lets one request at a time probe. Lock-free.
/// </summary>
public sealed class RedisLimitBreaker(TimeProvider time, int failuresToOpen, TimeSpan openFor)
{
    private int _failures;
    private long _openUntil;
    private int _probing;

    /// <summary>True while Redis is considered unreachable.</summary>
    public bool IsOpen => Volatile.Read(ref _failures) >= failuresToOpen;

    /// <summary>May this request try Redis? While open, only the one probe after the open period.</summary>
    public bool AllowsRedis()
    {
        if (!IsOpen)
        {
            return true;
        }

        return time.GetTimestamp() >= Volatile.Read(ref _openUntil) && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    /// <summary>Returns true when this success closed an open breaker.</summary>
    public bool Succeeded()
    {
        Volatile.Write(ref _probing, 0);
        return Interlocked.Exchange(ref _failures, 0) >= failuresToOpen;
    }

    /// <summary>Returns true when this failure opened the breaker.</summary>
    public bool Failed()
    {
        var failures = Interlocked.Increment(ref _failures);
        if (failures >= failuresToOpen)
        {
            Volatile.Write(ref _openUntil, time.GetTimestamp() + (long)(openFor.TotalSeconds * time.TimestampFrequency));
            Volatile.Write(ref _probing, 0);
        }

        return failures == failuresToOpen;
    }
}
