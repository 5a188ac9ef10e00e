using StackExchange.Redis;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The counters of one limited thing — a key, team or tenant, or one public model of it — shared by every request of it
/// on this node: the local counters (the in-process store's, and the Redis store's local share) and the names of its
/// Redis counters. Updated with <see cref="Interlocked"/> only.
/// </summary>
public sealed class LimitCell
{
    private readonly WindowCounter[] _windows = [new(0), new(0)];
    private readonly RedisKey[] _redisKeys;
    private readonly long[] _seen = new long[4];
    private readonly string _name;
    private SpendCounter? _spend;
    internal long Concurrent;

    public LimitCell(string redisPrefix, LimitScope scope, Guid id, string model)
    {
        _name = $"{redisPrefix}{scope.ToString().ToLowerInvariant()}:{id:N}:{model}:";
        _redisKeys = [_name + "r", _name + "t", _name + "c"];
    }

    /// <summary>The spend counter of the budget period <paramref name="period"/> (Redis key <c>…:s:{period}</c>, see <c>BudgetCounterKeys</c>).</summary>
    public SpendCounter Spend(string period)
    {
        var current = Volatile.Read(ref _spend);
        if (current is not null && current.Period == period)
        {
            return current;
        }

        var fresh = new SpendCounter(period, _name + "s:" + period);
        var seen = Interlocked.CompareExchange(ref _spend, fresh, current);
        return ReferenceEquals(seen, current) ? fresh : seen!.Period == period ? seen : fresh;
    }

    /// <summary>
    /// Raises the local spend of <paramref name="period"/> to at least <paramref name="floor"/> micro-dollars (the ledger's),
    /// never lowers it (it also holds reservations in flight and spend not yet ingested); a counter of another period is
    /// left alone. True when raised.
    /// </summary>
    public bool RaiseSpend(string period, long floor)
    {
        var current = Volatile.Read(ref _spend);
        var counter = current is null ? Spend(period) : current.Period == period ? current : null;
        if (counter is null)
        {
            return false;
        }

        long seen;
        do
        {
            seen = Volatile.Read(ref counter.Count);
            if (seen >= floor)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter.Count, floor, seen) != seen);

        return true;
    }

    /// <summary>Requests in flight on this node (locally admitted ones).</summary>
    public long InFlight => Volatile.Read(ref Concurrent);

    public RedisKey RedisKey(CounterKind kind) => _redisKeys[(int)kind];

    /// <summary>Notes the shared count Redis last answered for a window counter (every node's requests in that minute).</summary>
    public void Seen(CounterKind kind, long window, long count)
    {
        Volatile.Write(ref _seen[(2 * (int)kind) + 1], count);
        Volatile.Write(ref _seen[2 * (int)kind], window);
    }

    /// <summary>The shared count Redis last answered for <paramref name="window"/>; 0 when it answered none in that minute.</summary>
    public long SeenIn(CounterKind kind, long window) =>
        Volatile.Read(ref _seen[2 * (int)kind]) == window ? Volatile.Read(ref _seen[(2 * (int)kind) + 1]) : 0;

    /// <summary>The counter of <paramref name="kind"/> (requests or tokens) for the minute <paramref name="window"/>.</summary>
    public WindowCounter Window(CounterKind kind, long window)
    {
        ref var slot = ref _windows[(int)kind];
        var current = Volatile.Read(ref slot);
        while (current.Index < window)
        {
            var fresh = new WindowCounter(window);
            var seen = Interlocked.CompareExchange(ref slot, fresh, current);
            current = ReferenceEquals(seen, current) ? fresh : seen;
        }

        return current;
    }
}
