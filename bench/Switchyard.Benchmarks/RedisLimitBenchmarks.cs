using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Limits;

namespace Switchyard.Benchmarks;

/// <summary>
/// The Redis store's acquire for a key, its team and its tenant each with a budget and requests/tokens limits (9 counters,
/// budgets included) — one <c>EVALSHA</c> round-trip — and its release (queued for the batched release script, so not a
/// round-trip of its own). Needs a Redis: <c>SWITCHYARD_BENCH_REDIS</c> (e.g. <c>127.0.0.1:56379</c>, the test services'
/// Redis); without it the benchmark is skipped (it reports nothing).
/// </summary>
[MemoryDiagnoser]
public class RedisLimitBenchmarks
{
    private RedisLimitStore? _store;
    private RedisLimitConnection? _connection;
    private RedisLimitReleaser? _releaser;
    private LimitCells _cells = null!;
    private readonly Guid[] _ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    [GlobalSetup]
    public void Setup()
    {
        var redis = Environment.GetEnvironmentVariable("SWITCHYARD_BENCH_REDIS");
        if (string.IsNullOrWhiteSpace(redis))
        {
            return;
        }

        var options = Options.Create(new RateLimitingOptions
        {
            Store = LimitStoreKind.Redis, Redis = redis, KeyPrefix = $"sy:bench:{Guid.NewGuid():N}:", RedisTimeoutMilliseconds = 2000,
        });
        _connection = new RedisLimitConnection(options, new ConfigurationBuilder().Build());
        if (!_connection.EnsureConnectedAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("SWITCHYARD_BENCH_REDIS is set but Redis does not answer.");
        }

        _releaser = new RedisLimitReleaser(_connection, options, NullLogger<RedisLimitReleaser>.Instance);
        _releaser.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _store = new RedisLimitStore(_connection, _releaser, options, TimeProvider.System, NullLogger<RedisLimitStore>.Instance);
        _cells = new LimitCells(options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _releaser?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Redis: 3 levels, requests + tokens + budget (9 counters): acquire (1 round-trip) + release (batched)")]
    public async ValueTask<bool> AcquireAndRelease()
    {
        if (_store is null)
        {
            return false;
        }

        var lease = new LimitLease(400, 9);
        for (var i = 0; i < 3; i++)
        {
            var scope = (LimitScope)i;
            var cell = _cells.Get(scope, _ids[i], "");
            lease.Add(new CounterOp(cell, CounterKind.Requests, int.MaxValue, 1, scope, ""));
            lease.Add(new CounterOp(cell, CounterKind.Tokens, 1_000_000_000_000, 400, scope, ""));
            lease.Add(CounterOp.Budget(cell, 9_000_000_000_000, scope, "total"));
        }

        lease.Reserve(41_000, 41_000);
        var admitted = await _store.TryAcquireAsync(lease);
        lease.ActualSpend = 1_234;
        _store.Release(lease, 900);
        return admitted;
    }
}
