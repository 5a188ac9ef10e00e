namespace Switchyard.DataPlane.Limits;

/// <summary>
/// A change to a lease's Redis counters sent later, in a batch: each op of the lease moves by the delta of its kind
/// (0: untouched). Window counters change only while <see cref="Window"/> is still the current minute.
/// </summary>
/// <param name="Lease">Whose ops (cells and kinds) to change.</param>
/// <param name="Window">The minute the window counters were charged in.</param>
public readonly record struct CounterAdjustment(LimitLease Lease, long Window, long Requests, long Tokens, long Concurrent, long Spend = 0)
{
    /// <summary>The request ended: its slots go back, its tokens and its budget reservations settle to the actual usage and cost.</summary>
    public static CounterAdjustment Release(LimitLease lease) =>
        new(lease, lease.Window, 0, lease.ActualTokens - lease.TokenEstimate, -1, lease.ActualSpend - lease.SpendGranted);

    /// <summary>A locally admitted request ended: Redis, charged its reservation (<see cref="Charge"/>), settles it to the actual cost.</summary>
    public static CounterAdjustment SettleSpend(LimitLease lease) => new(lease, lease.Window, 0, 0, 0, lease.ActualSpend - lease.SpendGranted);

    /// <summary>Redis applied an acquire after the node stopped waiting for it (and decided locally): take it back.</summary>
    public static CounterAdjustment Undo(LimitLease lease, long window, long granted) => new(lease, window, -1, -lease.TokenEstimate, -1, -granted);

    /// <summary>
    /// The node admitted the request on its local share: count it in Redis too, so the other nodes see it once Redis
    /// answers again (concurrency stays local: the slot is released locally).
    /// </summary>
    public static CounterAdjustment Charge(LimitLease lease) => new(lease, lease.Window, 1, lease.TokenEstimate, 0, lease.SpendGranted);

    public long Delta(CounterKind kind) => kind switch
    {
        CounterKind.Requests => Requests,
        CounterKind.Tokens => Tokens,
        CounterKind.Spend => Spend,
        _ => Concurrent,
    };
}
