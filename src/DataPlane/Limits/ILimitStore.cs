namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Applies a request's <see cref="CounterOp"/>s — every level and every kind together, all or none — and gives back what
/// must be given back when it ends. The Redis store does each in one round-trip (one Lua script call for the acquire;
/// releases batched); budget reservations (<see cref="CounterKind.Spend"/>, settled to the actual cost) are more ops of
/// the same call.
/// </summary>
public interface ILimitStore
{
    /// <summary>
    /// Admits the request (every op applied) or refuses it (none applied, <see cref="LimitLease.Refused"/> set); fills in
    /// the lease's remaining counts and reset. Never throws for an unreachable store: it decides locally instead.
    /// </summary>
    ValueTask<bool> TryAcquireAsync(LimitLease lease);

    /// <summary>
    /// The admitted request is over: frees its concurrency slots, settles its tokens to <paramref name="actualTokens"/>
    /// (input + output) and its budget reservations to <see cref="LimitLease.ActualSpend"/>. Only the first call for a
    /// lease counts; never throws, never waits.
    /// </summary>
    void Release(LimitLease lease, long actualTokens);
}
