namespace Switchyard.DataPlane.Limits;

/// <summary>The counters in this node's memory (the embedded mode): exact, no I/O, no lock.</summary>
public sealed class InProcessLimitStore(TimeProvider time) : ILimitStore
{
    public ValueTask<bool> TryAcquireAsync(LimitLease lease) =>
        ValueTask.FromResult(LocalLimiter.TryAcquire(lease, time.GetUtcNow().ToUnixTimeMilliseconds(), 1));

    public void Release(LimitLease lease, long actualTokens)
    {
        if (lease.TryMarkReleased())
        {
            LocalLimiter.Release(lease, actualTokens);
        }
    }
}
