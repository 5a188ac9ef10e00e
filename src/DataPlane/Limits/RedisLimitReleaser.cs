using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Gives back what Redis-admitted requests hold — concurrency slots, and the difference between their token estimate
/// and their actual usage — in batches: one <see cref="RedisLimitScripts.Release"/> call for everything that ended since
/// the last one. While Redis is unreachable the batch waits and is retried (up to <see cref="MaxPendingOps"/> ops; the
/// concurrency counters' expiry heals anything lost beyond that).
/// </summary>
public sealed class RedisLimitReleaser(RedisLimitConnection connection, IOptions<RateLimitingOptions> options, ILogger<RedisLimitReleaser> logger)
    : BackgroundService
{
    public const int MaxPendingOps = 200_000;
    private const int MaxBatchLeases = 1024;

    private readonly Channel<LimitLease> _ended = Channel.CreateUnbounded<LimitLease>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _retry = TimeSpan.FromSeconds(Math.Min(1, options.Value.BreakerOpenSeconds));
    private readonly List<RedisKey> _keys = [];
    private readonly List<RedisValue> _values = [];

    /// <summary>Ops waiting to be sent (tests and diagnostics).</summary>
    public int Pending => _keys.Count;

    public void Enqueue(LimitLease lease) => _ended.Writer.TryWrite(lease);

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

    private async Task FlushAsync(ChannelReader<LimitLease> reader, CancellationToken stoppingToken, bool once = false)
    {
        while (true)
        {
            var leases = 0;
            while (leases < MaxBatchLeases && reader.TryRead(out var lease))
            {
                Add(lease);
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

    private void Add(LimitLease lease)
    {
        var delta = lease.ActualTokens - lease.TokenEstimate;
        foreach (ref readonly var op in lease.Ops)
        {
            if (op.Kind == CounterKind.Concurrent)
            {
                Add(op.Cell.RedisKey(op.Kind), RedisLimitScripts.Plain, 0, -op.Amount);
            }
            else if (op.Kind == CounterKind.Tokens && delta != 0)
            {
                Add(op.Cell.RedisKey(op.Kind), RedisLimitScripts.Windowed, lease.Window, delta);
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
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            DataPlaneLog.LimitReleaseFailed(logger, _keys.Count, ex.GetType().Name, ex.Message);
            return false;
        }
    }
}
