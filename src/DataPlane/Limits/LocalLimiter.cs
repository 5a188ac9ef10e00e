namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The limit arithmetic on a node's own counters (the in-process store, and the Redis store's local share: each limit
/// divided by the live nodes, less each node's share of what Redis last said was used in the minute): fixed one-minute windows, every op added with <see cref="Interlocked"/> and all taken back when one goes over its limit, so
/// concurrent requests never admit more than the limit (at worst, two racing requests both refuse).
/// </summary>
public static class LocalLimiter
{
    public const long WindowMilliseconds = 60_000;

    /// <summary>Applies the lease's ops at <paramref name="nowMilliseconds"/> (Unix), each limit divided by <paramref name="share"/>.</summary>
    public static bool TryAcquire(LimitLease lease, long nowMilliseconds, int share)
    {
        lease.ResetAnswer();
        var window = nowMilliseconds / WindowMilliseconds;
        lease.Window = window;
        lease.ResetMilliseconds = WindowMilliseconds - (nowMilliseconds % WindowMilliseconds);
        var ops = lease.Ops;
        for (var i = 0; i < ops.Length; i++)
        {
            ref var op = ref ops[i];
            var limit = share <= 1 ? op.Limit : Math.Max(1, op.Limit / share);
            long value;
            if (op.Kind == CounterKind.Concurrent)
            {
                value = Interlocked.Add(ref op.Cell.Concurrent, op.Amount);
            }
            else
            {
                op.Window = op.Cell.Window(op.Kind, window);
                value = Interlocked.Add(ref op.Window.Count, op.Amount);
                if (share > 1)
                {
                    // A share of what Redis last said every node used this minute, so a node that loses Redis mid-minute
                    // admits only its share of what was left.
                    value += op.Cell.SeenIn(op.Kind, window) / share;
                }
            }

            if (value > limit && op.Amount > 0)
            {
                Undo(ops[..(i + 1)]);
                lease.Refused = i;
                lease.RefusedUsed = Math.Max(0, value - op.Amount);
                lease.RefusedLimit = limit;
                lease.Remaining(op.Kind, limit, 0);
                return false;
            }

            lease.Remaining(op.Kind, limit, limit - value);
        }

        return true;
    }

    /// <summary>Frees the concurrency slots and settles the tokens of a locally admitted lease.</summary>
    public static void Release(LimitLease lease, long actualTokens)
    {
        var delta = actualTokens - lease.TokenEstimate;
        foreach (ref var op in lease.Ops)
        {
            if (op.Kind == CounterKind.Concurrent)
            {
                Interlocked.Add(ref op.Cell.Concurrent, -op.Amount);
            }
            else if (op.Kind == CounterKind.Tokens && delta != 0 && op.Window is { } counter)
            {
                Interlocked.Add(ref counter.Count, delta);
            }
        }
    }

    private static void Undo(Span<CounterOp> ops)
    {
        foreach (ref var op in ops)
        {
            if (op.Kind == CounterKind.Concurrent)
            {
                Interlocked.Add(ref op.Cell.Concurrent, -op.Amount);
            }
            else
            {
                Interlocked.Add(ref op.Window!.Count, -op.Amount);
            }
        }
    }
}
