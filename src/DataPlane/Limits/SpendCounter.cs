using StackExchange.Redis;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The spend of one budget level in one period (<see cref="Period"/>, e.g. <c>m2026-12</c>): this node's local count (the
/// in-process store's, and the Redis store's local share) and the value Redis last answered. Replaced, never reset, when the
/// period rolls over.
/// </summary>
public sealed class SpendCounter(string period, RedisKey redisKey)
{
    public string Period { get; } = period;

    public RedisKey RedisKey { get; } = redisKey;

    /// <summary>Micro-dollars reserved and settled on this node.</summary>
    public long Local => Volatile.Read(ref Count);

    internal long Count;

    /// <summary>What Redis last answered for the counter (every node's spend in the period).</summary>
    internal long Seen;
}
