using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;

namespace Switchyard.DataPlane.Tests.Limits;

public class InProcessLimitStoreTests
{
    private static readonly Guid KeyId = Guid.Parse("0198b000-0000-7000-8000-000000000001");
    private static readonly Guid TeamId = Guid.Parse("0198b000-0000-7000-8000-000000000002");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 10, TimeSpan.Zero));
    private readonly LimitCells _cells = new(Options.Create(new RateLimitingOptions()));
    private readonly InProcessLimitStore _store;

    public InProcessLimitStoreTests() => _store = new InProcessLimitStore(_time);

    [Fact]
    public async Task TryAcquire_OverRequestsPerMinute_RefusesUntilTheMinuteRolls()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await _store.TryAcquireAsync(Requests(LimitScope.Key, KeyId, 3)));
        }

        var refused = Requests(LimitScope.Key, KeyId, 3);
        Assert.False(await _store.TryAcquireAsync(refused));
        Assert.Equal(0, refused.Refused);
        Assert.Equal(3, refused.RefusedUsed);
        Assert.Equal(50_000, refused.ResetMilliseconds);

        _time.Advance(TimeSpan.FromSeconds(50));

        var next = Requests(LimitScope.Key, KeyId, 3);
        Assert.True(await _store.TryAcquireAsync(next));
        Assert.Equal(2, next.RequestsRemaining);
        Assert.Equal(60_000, next.ResetMilliseconds);
    }

    [Fact]
    public async Task TryAcquire_TeamTighterThanKey_TeamRefusesAndNothingIsCounted()
    {
        var key = _cells.Get(LimitScope.Key, KeyId, "");
        var team = _cells.Get(LimitScope.Team, TeamId, "");
        LimitLease Both()
        {
            var lease = new LimitLease(10);
            lease.Add(new CounterOp(key, CounterKind.Requests, 100, 1, LimitScope.Key, ""));
            lease.Add(new CounterOp(team, CounterKind.Requests, 2, 1, LimitScope.Team, ""));
            return lease;
        }

        var first = Both();
        Assert.True(await _store.TryAcquireAsync(first));
        Assert.Equal(2, first.RequestsLimit);
        Assert.Equal(1, first.RequestsRemaining);
        Assert.True(await _store.TryAcquireAsync(Both()));

        var refused = Both();
        Assert.False(await _store.TryAcquireAsync(refused));
        Assert.Equal(LimitScope.Team, refused.Ops[refused.Refused].Scope);

        // The refused request took nothing from the key's own count: 97 of its 100 are left.
        var keyOnly = new LimitLease(10);
        keyOnly.Add(new CounterOp(key, CounterKind.Requests, 100, 1, LimitScope.Key, ""));
        Assert.True(await _store.TryAcquireAsync(keyOnly));
        Assert.Equal(97, keyOnly.RequestsRemaining);
    }

    [Fact]
    public async Task TryAcquire_PerModelLimit_CountsOnlyThatModel()
    {
        var level = _cells.Get(LimitScope.Key, KeyId, "");
        var gpt4o = _cells.Get(LimitScope.Key, KeyId, "gpt-4o");
        LimitLease Request(bool isGpt4o)
        {
            var lease = new LimitLease(1);
            lease.Add(new CounterOp(level, CounterKind.Requests, 10, 1, LimitScope.Key, ""));
            if (isGpt4o)
            {
                lease.Add(new CounterOp(gpt4o, CounterKind.Requests, 1, 1, LimitScope.Key, "gpt-4o"));
            }

            return lease;
        }

        Assert.True(await _store.TryAcquireAsync(Request(isGpt4o: true)));
        var refused = Request(isGpt4o: true);
        Assert.False(await _store.TryAcquireAsync(refused));
        Assert.Equal("gpt-4o", refused.Ops[refused.Refused].Model);
        Assert.True(await _store.TryAcquireAsync(Request(isGpt4o: false)));
    }

    [Fact]
    public async Task Release_ActualTokensAboveEstimate_ChargesTheDifference()
    {
        var first = Tokens(estimate: 100, limit: 1000);
        Assert.True(await _store.TryAcquireAsync(first));
        Assert.Equal(900, first.TokensRemaining);

        _store.Release(first, actualTokens: 850);

        var second = Tokens(estimate: 100, limit: 1000);
        Assert.True(await _store.TryAcquireAsync(second));
        Assert.Equal(50, second.TokensRemaining);
        Assert.False(await _store.TryAcquireAsync(Tokens(estimate: 100, limit: 1000)));
    }

    [Fact]
    public async Task Release_ActualTokensBelowEstimate_GivesTokensBack()
    {
        var first = Tokens(estimate: 600, limit: 1000);
        Assert.True(await _store.TryAcquireAsync(first));
        Assert.False(await _store.TryAcquireAsync(Tokens(estimate: 600, limit: 1000)));

        _store.Release(first, actualTokens: 200);

        Assert.True(await _store.TryAcquireAsync(Tokens(estimate: 600, limit: 1000)));
    }

    [Fact]
    public async Task Release_CalledTwiceForAnAbortedRequest_FreesTheSlotOnce()
    {
        var held = Concurrent(1);
        Assert.True(await _store.TryAcquireAsync(held));
        Assert.False(await _store.TryAcquireAsync(Concurrent(1)));

        _store.Release(held, 0);
        _store.Release(held, 0);

        var next = Concurrent(1);
        Assert.True(await _store.TryAcquireAsync(next));
        Assert.False(await _store.TryAcquireAsync(Concurrent(1)));
        Assert.Equal(1, _cells.Get(LimitScope.Key, KeyId, "").InFlight);
    }

    [Fact]
    public async Task TryAcquire_ConcurrentCallers_NeverAdmitMoreThanTheLimit()
    {
        var admitted = 0;
        await Parallel.ForAsync(0, 2000, async (_, _) =>
        {
            if (await _store.TryAcquireAsync(Requests(LimitScope.Key, KeyId, 500)))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.InRange(admitted, 1, 500);
        Assert.False(await _store.TryAcquireAsync(Requests(LimitScope.Key, KeyId, 500)));
    }

    private LimitLease Requests(LimitScope scope, Guid id, long limit)
    {
        var lease = new LimitLease(1);
        lease.Add(new CounterOp(_cells.Get(scope, id, ""), CounterKind.Requests, limit, 1, scope, ""));
        return lease;
    }

    private LimitLease Tokens(long estimate, long limit)
    {
        var lease = new LimitLease(estimate);
        lease.Add(new CounterOp(_cells.Get(LimitScope.Key, KeyId, ""), CounterKind.Tokens, limit, estimate, LimitScope.Key, ""));
        return lease;
    }

    private LimitLease Concurrent(long limit)
    {
        var lease = new LimitLease(1);
        lease.Add(new CounterOp(_cells.Get(LimitScope.Key, KeyId, ""), CounterKind.Concurrent, limit, 1, LimitScope.Key, ""));
        return lease;
    }
}
