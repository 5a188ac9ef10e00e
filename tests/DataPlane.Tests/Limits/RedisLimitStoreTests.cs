using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;

namespace Switchyard.DataPlane.Tests.Limits;

/// <summary>The Redis store while Redis cannot be reached (no network: the connection is never opened).</summary>
public class RedisLimitStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RateLimitingOptions _options = new() { Store = LimitStoreKind.Redis, Redis = "127.0.0.1:9", NodesWhenUnknown = 4 };
    private readonly LimitCells _cells;
    private readonly RedisLimitStore _store;

    public RedisLimitStoreTests()
    {
        var options = Options.Create(_options);
        _cells = new LimitCells(options);
        var connection = new RedisLimitConnection(options, new ConfigurationBuilder().Build());
        var releaser = new RedisLimitReleaser(connection, options, NullLogger<RedisLimitReleaser>.Instance);
        _store = new RedisLimitStore(connection, releaser, options, _time, NullLogger<RedisLimitStore>.Instance);
    }

    [Fact]
    public async Task TryAcquire_RedisUnreachable_AdmitsThisNodesShareOfTheLimit()
    {
        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            if (await _store.TryAcquireAsync(Requests(limit: 8)))
            {
                admitted++;
            }
        }

        Assert.Equal(2, admitted);
    }

    [Fact]
    public async Task TryAcquire_RedisLastSawHalfTheMinuteUsed_AdmitsAShareOfWhatWasLeft()
    {
        var cell = _cells.Get(LimitScope.Key, Guid.Empty, "");
        cell.Seen(CounterKind.Requests, _time.GetUtcNow().ToUnixTimeMilliseconds() / LocalLimiter.WindowMilliseconds, 20);
        var admitted = 0;
        for (var i = 0; i < 20; i++)
        {
            if (await _store.TryAcquireAsync(Requests(limit: 40)))
            {
                admitted++;
            }
        }

        // 40 / 4 nodes = 10 per node, less this node's share (20 / 4) of what every node had used: 5.
        Assert.Equal(5, admitted);
    }

    [Fact]
    public async Task Release_LocallyAdmittedRequest_FreesItsLocalSlot()
    {
        var held = Concurrent(limit: 4);
        Assert.True(await _store.TryAcquireAsync(held));
        Assert.True(held.Local);
        Assert.False(await _store.TryAcquireAsync(Concurrent(limit: 4)));

        _store.Release(held, 0);

        Assert.True(await _store.TryAcquireAsync(Concurrent(limit: 4)));
    }

    private LimitLease Requests(long limit)
    {
        var lease = new LimitLease(1);
        lease.Add(new CounterOp(_cells.Get(LimitScope.Key, Guid.Empty, ""), CounterKind.Requests, limit, 1, LimitScope.Key, ""));
        return lease;
    }

    private LimitLease Concurrent(long limit)
    {
        var lease = new LimitLease(1);
        lease.Add(new CounterOp(_cells.Get(LimitScope.Key, Guid.Empty, ""), CounterKind.Concurrent, limit, 1, LimitScope.Key, ""));
        return lease;
    }
}
