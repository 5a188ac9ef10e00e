namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The limit arithmetic on a node's own counters (the in-process store, and the Redis store's local share: each limit
/// divided by the live nodes, less each node's share of what Redis last said was used in the minute or budget period):
/// fixed one-minute windows, every op added with <see cref="Interlocked"/> and all taken back when one goes over its limit, so
/// concurrent requests never admit more than the limit (at worst, two racing requests both refuse). Budget ops reserve the
/// request's worst-case cost, or what is left of the tightest budget when that still covers the lease's
/// <see cref="LimitLease.SpendMinimum"/>.
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
        if (lease.HasSpend && !Grant(lease, ops, share))
        {
            return false;
        }

        for (var i = 0; i < ops.Length; i++)
        {
            ref var op = ref ops[i];
            var limit = Share(op.Limit, share);
            var amount = lease.AmountOf(op);
            long value;
            if (op.Kind == CounterKind.Concurrent)
            {
                value = Interlocked.Add(ref op.Cell.Concurrent, amount);
            }
            else if (op.Kind == CounterKind.Spend)
            {
                value = Interlocked.Add(ref op.Spend!.Count, amount) + (share > 1 ? Volatile.Read(ref op.Spend.Seen) / share : 0);
            }
            else
            {
                op.Window = op.Cell.Window(op.Kind, window);
                value = Interlocked.Add(ref op.Window.Count, amount);
                if (share > 1)
                {
                    // A share of what Redis last said every node used this minute, so a node that loses Redis mid-minute
                    // admits only its share of what was left.
                    value += op.Cell.SeenIn(op.Kind, window) / share;
                }
            }

            if (value > limit && amount > 0)
            {
                Undo(lease, ops[..(i + 1)]);
                lease.Refused = i;
                lease.RefusedUsed = Math.Max(0, value - amount);
                lease.RefusedLimit = limit;
                lease.Remaining(op.Kind, limit, 0);
                return false;
            }

            lease.Remaining(op.Kind, limit, limit - value);
        }

        return true;
    }

    /// <summary>Frees the concurrency slots and settles the tokens and the budget reservations of a locally admitted lease.</summary>
    public static void Release(LimitLease lease, long actualTokens)
    {
        var delta = actualTokens - lease.TokenEstimate;
        var spend = lease.ActualSpend - lease.SpendGranted;
        foreach (ref var op in lease.Ops)
        {
            if (op.Kind == CounterKind.Concurrent)
            {
                Interlocked.Add(ref op.Cell.Concurrent, -op.Amount);
            }
            else if (op.Kind == CounterKind.Spend)
            {
                if (spend != 0)
                {
                    Interlocked.Add(ref op.Spend!.Count, spend);
                }
            }
            else if (op.Kind == CounterKind.Tokens && delta != 0 && op.Window is { } counter)
            {
                Interlocked.Add(ref counter.Count, delta);
            }
        }
    }

    private static long Share(long limit, int share) => share <= 1 ? limit : Math.Max(1, limit / share);

    /// <summary>
    /// Decides what the budget ops reserve: the worst case, or the least that is left on any budget level when that still
    /// covers <see cref="LimitLease.SpendMinimum"/>; false (the refusing op set) when some level has less.
    /// </summary>
    private static bool Grant(LimitLease lease, Span<CounterOp> ops, int share)
    {
        var grant = lease.SpendRequested;
        for (var i = 0; i < ops.Length; i++)
        {
            ref var op = ref ops[i];
            if (op.Kind != CounterKind.Spend)
            {
                continue;
            }

            var limit = Share(op.Limit, share);
            var used = Volatile.Read(ref op.Spend!.Count) + (share > 1 ? Volatile.Read(ref op.Spend.Seen) / share : 0);
            var room = limit - used;
            if (room <= 0 || room < lease.SpendMinimum)
            {
                lease.Refused = i;
                lease.RefusedUsed = Math.Max(0, used);
                lease.RefusedLimit = limit;
                return false;
            }

            grant = Math.Min(grant, room);
        }

        lease.SpendGranted = grant;
        return true;
    }

    private static void Undo(LimitLease lease, Span<CounterOp> ops)
    {
        foreach (ref var op in ops)
        {
            var amount = lease.AmountOf(op);
            if (op.Kind == CounterKind.Concurrent)
            {
                Interlocked.Add(ref op.Cell.Concurrent, -amount);
            }
            else if (op.Kind == CounterKind.Spend)
            {
                Interlocked.Add(ref op.Spend!.Count, -amount);
            }
            else
            {
                Interlocked.Add(ref op.Window!.Count, -amount);
            }
        }
    }
}
