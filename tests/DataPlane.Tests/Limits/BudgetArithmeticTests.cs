using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;

namespace Switchyard.DataPlane.Tests.Limits;

/// <summary>
/// Budget reservations on a node's own counters (<see cref="LocalLimiter"/> through the in-process store, and the local
/// share of the Redis store): reserve the worst case, or what is left down to the minimum; settle to the actual cost.
/// </summary>
public class BudgetArithmeticTests
{
    private static readonly Guid KeyId = Guid.Parse("0198b000-0000-7000-8000-000000000011");
    private static readonly Guid TeamId = Guid.Parse("0198b000-0000-7000-8000-000000000012");
    private const string Period = "m2025-07";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LimitCells _cells = new(Options.Create(new RateLimitingOptions()));
    private readonly InProcessLimitStore _store;

    public BudgetArithmeticTests() => _store = new InProcessLimitStore(_time);

    [Fact]
    public async Task TryAcquire_WorstCaseFits_ReservesItOnEveryLevel()
    {
        var lease = Lease(requested: 300, minimum: 300, (LimitScope.Key, KeyId, 1_000), (LimitScope.Team, TeamId, 5_000));

        Assert.True(await _store.TryAcquireAsync(lease));

        Assert.Equal(300, lease.SpendGranted);
        Assert.Equal(300, Spent(LimitScope.Key, KeyId));
        Assert.Equal(300, Spent(LimitScope.Team, TeamId));
    }

    [Fact]
    public async Task TryAcquire_LessLeftThanWorstCaseButAtLeastTheMinimum_GrantsWhatTheTightestLevelHasLeft()
    {
        Assert.True(await _store.TryAcquireAsync(Lease(700, 700, (LimitScope.Key, KeyId, 1_000))));
        var lease = Lease(requested: 500, minimum: 100, (LimitScope.Key, KeyId, 1_000), (LimitScope.Team, TeamId, 5_000));

        Assert.True(await _store.TryAcquireAsync(lease));

        Assert.Equal(300, lease.SpendGranted);
        Assert.Equal(1_000, Spent(LimitScope.Key, KeyId));
        Assert.Equal(300, Spent(LimitScope.Team, TeamId));
    }

    [Fact]
    public async Task TryAcquire_LessLeftThanTheMinimum_RefusesWithoutReservingAnything()
    {
        Assert.True(await _store.TryAcquireAsync(Lease(950, 950, (LimitScope.Team, TeamId, 1_000))));
        var lease = Lease(requested: 500, minimum: 100, (LimitScope.Key, KeyId, 10_000), (LimitScope.Team, TeamId, 1_000));

        Assert.False(await _store.TryAcquireAsync(lease));

        Assert.Equal(1, lease.Refused);
        Assert.Equal(950, lease.RefusedUsed);
        Assert.Equal(1_000, lease.RefusedLimit);
        Assert.Equal(0, Spent(LimitScope.Key, KeyId));
    }

    [Fact]
    public async Task TryAcquire_WithRequestsLimitThatRefuses_TakesTheReservationBack()
    {
        var cell = _cells.Get(LimitScope.Key, KeyId, "");
        var first = new LimitLease(1, 2);
        first.Add(new CounterOp(cell, CounterKind.Requests, 1, 1, LimitScope.Key, ""));
        first.Add(CounterOp.Budget(cell, 1_000, LimitScope.Key, Period));
        first.Reserve(100, 100);
        Assert.True(await _store.TryAcquireAsync(first));
        var second = new LimitLease(1, 2);
        second.Add(CounterOp.Budget(cell, 1_000, LimitScope.Key, Period));
        second.Add(new CounterOp(cell, CounterKind.Requests, 1, 1, LimitScope.Key, ""));
        second.Reserve(100, 100);

        Assert.False(await _store.TryAcquireAsync(second));

        Assert.Equal(1, second.Refused);
        Assert.Equal(100, Spent(LimitScope.Key, KeyId));
    }

    [Fact]
    public async Task Release_SettlesTheReservationToTheActualCostOnce()
    {
        var lease = Lease(400, 400, (LimitScope.Key, KeyId, 1_000));
        Assert.True(await _store.TryAcquireAsync(lease));

        lease.ActualSpend = 150;
        _store.Release(lease, 10);
        _store.Release(lease, 10);

        Assert.Equal(150, Spent(LimitScope.Key, KeyId));
    }

    [Fact]
    public async Task TryAcquire_NewPeriod_StartsFromZero()
    {
        Assert.True(await _store.TryAcquireAsync(Lease(1_000, 1_000, (LimitScope.Key, KeyId, 1_000))));
        Assert.False(await _store.TryAcquireAsync(Lease(1, 1, (LimitScope.Key, KeyId, 1_000))));

        var august = new LimitLease(1, 1);
        august.Add(CounterOp.Budget(_cells.Get(LimitScope.Key, KeyId, ""), 1_000, LimitScope.Key, "m2025-08"));
        august.Reserve(1_000, 1_000);

        Assert.True(await _store.TryAcquireAsync(august));
    }

    [Fact]
    public async Task TryAcquire_ConcurrentReservations_NeverExceedTheBudget()
    {
        var admitted = 0;
        await Parallel.ForAsync(0, 2_000, async (_, _) =>
        {
            if (await _store.TryAcquireAsync(Lease(7, 7, (LimitScope.Key, KeyId, 10_000), (LimitScope.Team, TeamId, 9_000))))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(9_000 / 7, admitted);
        Assert.Equal(admitted * 7, Spent(LimitScope.Team, TeamId));
    }

    [Fact]
    public void TryAcquire_LocalShareWhileRedisIsDown_AllowsOnlyTheNodesShareOfWhatRedisLastSawLeft()
    {
        var cell = _cells.Get(LimitScope.Key, KeyId, "");
        var counter = cell.Spend(Period);
        Volatile.Write(ref counter.Seen, 600);

        // Four nodes: each may spend a quarter of the 400 left (100), less what it reserved locally.
        var first = Lease(80, 80, (LimitScope.Key, KeyId, 1_000));
        var second = Lease(80, 10, (LimitScope.Key, KeyId, 1_000));
        var third = Lease(80, 10, (LimitScope.Key, KeyId, 1_000));

        Assert.True(LocalLimiter.TryAcquire(first, _time.GetUtcNow().ToUnixTimeMilliseconds(), 4));
        Assert.True(LocalLimiter.TryAcquire(second, _time.GetUtcNow().ToUnixTimeMilliseconds(), 4));
        Assert.False(LocalLimiter.TryAcquire(third, _time.GetUtcNow().ToUnixTimeMilliseconds(), 4));

        Assert.Equal(20, second.SpendGranted);
    }

    private long Spent(LimitScope scope, Guid id) => _cells.Get(scope, id, "").Spend(Period).Local;

    private LimitLease Lease(long requested, long minimum, params (LimitScope Scope, Guid Id, long Limit)[] budgets)
    {
        var lease = new LimitLease(1, budgets.Length);
        foreach (var (scope, id, limit) in budgets)
        {
            lease.Add(CounterOp.Budget(_cells.Get(scope, id, ""), limit, scope, Period));
        }

        lease.Reserve(requested, minimum);
        return lease;
    }
}
