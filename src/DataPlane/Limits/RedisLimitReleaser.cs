using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Sends <see cref="CounterAdjustment"/>s in batches — what Redis-admitted requests give back when they end (concurrency
/// slots, the difference between token estimate and actual usage), requests admitted locally while Redis was
/// unreachable, acquires Redis applied after the node stopped waiting — one <see cref="RedisLimitScripts.Release"/> call
/// for everything since the last one. While Redis is unreachable the batch waits and is retried (up to <see cref="MaxPendingOps"/> ops; the
/// concurrency counters' expiry heals anything lost beyond that).
/// </summary>
public sealed class RedisLimitReleaser(RedisLimitConnection connection, IOptions<RateLimitingOptions> options, ILogger<RedisLimitReleaser> logger)
    : BackgroundService
{
    public const int MaxPendingOps = 200_000;
    private const int MaxBatchLeases = 1024;

    private readonly Channel<CounterAdjustment> _ended = Channel.CreateUnbounded<CounterAdjustment>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _retry = TimeSpan.FromSeconds(Math.Min(1, options.Value.BreakerOpenSeconds));
    private readonly List<RedisKey> _keys = [];
    private readonly List<RedisValue> _values = [];

    /// <summary>Ops waiting to be sent (tests and diagnostics).</summary>
    public int Pending => _keys.Count;

    public void Enqueue(CounterAdjustment adjustment) => _ended.Writer.TryWrite(adjustment);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _ended.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await FlushAsync(reader, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: one last try, so this node's slots do not wait for their expiry.
        await FlushAsync(reader, CancellationToken.None, once: true);
    }

    private async Task FlushAsync(ChannelReader<CounterAdjustment> reader, CancellationToken stoppingToken, bool once = false)
    {
        while (true)
        {
            var leases = 0;
            while (leases < MaxBatchLeases && reader.TryRead(out var adjustment))
            {
                Add(adjustment);
                leases++;
            }

            if (_keys.Count == 0)
            {
                return;
            }

            if (await TrySendAsync())
            {
                if (leases == 0 || once)
                {
                    return;
                }

                continue;
            }

            if (once)
            {
                return;
            }

            await Task.Delay(_retry, stoppingToken);
        }
    }

    private void Add(CounterAdjustment adjustment)
    {
        foreach (ref readonly var op in adjustment.Lease.Ops)
        {
            var delta = adjustment.Delta(op.Kind);
            if (delta != 0)
            {
                Add(op.RedisKey, op.Kind is CounterKind.Concurrent or CounterKind.Spend ? RedisLimitScripts.Plain : RedisLimitScripts.Windowed, adjustment.Window, delta);
            }
        }

        if (_keys.Count > MaxPendingOps)
        {
            var drop = _keys.Count - MaxPendingOps;
            _keys.RemoveRange(0, drop);
            _values.RemoveRange(0, drop * 3);
            DataPlaneLog.LimitReleasesDropped(logger, drop);
        }
    }

    private void Add(RedisKey key, int kind, long window, long delta)
    {
        _keys.Add(key);
        _values.Add(kind);
        _values.Add(window);
        _values.Add(delta);
    }

    private async Task<bool> TrySendAsync()
    {
        if (connection.Database is not { } database)
        {
            return false;
        }

        try
        {
            await database.ScriptEvaluateAsync(RedisLimitScripts.Release, [.. _keys], [.. _values]);
            _keys.Clear();
            _values.Clear();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            DataPlaneLog.LimitReleaseFailed(logger, _keys.Count, ex.GetType().Name, ex.Message);
            return false;
        }
    }
}
