using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Counters shared by every node in Redis: one <see cref="RedisLimitScripts.Acquire"/> call per request for all its ops,
/// releases batched by <see cref="RedisLimitReleaser"/>. When Redis does not answer within
/// <see cref="RateLimitingOptions.RedisTimeoutMilliseconds"/>, or the breaker is open, the request is decided on this
/// node's share of each limit (limit ÷ live nodes, <see cref="RedisLimitConnection.LiveNodes"/>) — never unlimited, never
/// failed because of Redis.
/// </summary>
public sealed class RedisLimitStore : ILimitStore
{
    private readonly RedisLimitConnection _connection;
    private readonly RedisLimitReleaser _releaser;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisLimitStore> _logger;
    private readonly TimeSpan _timeout;
    private readonly RedisValue _expiry;
    private readonly RedisValue _spendExpiry;

    public RedisLimitStore(
        RedisLimitConnection connection, RedisLimitReleaser releaser, IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<RedisLimitStore> logger)
    {
        var value = options.Value;
        _connection = connection;
        _releaser = releaser;
        _time = time;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(value.RedisTimeoutMilliseconds);
        _expiry = value.ConcurrencyExpirySeconds * 1000L;
        _spendExpiry = value.SpendExpiryDays * 86_400_000L;
        Breaker = new RedisLimitBreaker(time, value.BreakerFailures, TimeSpan.FromSeconds(value.BreakerOpenSeconds));
    }

    public RedisLimitBreaker Breaker { get; }

    public async ValueTask<bool> TryAcquireAsync(LimitLease lease)
    {
        if (_connection.Database is not { } database || !Breaker.AllowsRedis())
        {
            return Local(lease);
        }

        RedisResult result;
        Task<RedisResult>? call = null;
        try
        {
            var (keys, values) = Arguments(lease);
            call = database.ScriptEvaluateAsync(RedisLimitScripts.Acquire, keys, values);
            result = await call.WaitAsync(_timeout, _time);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // OperationCanceledException: StackExchange.Redis cancels the commands in flight when the connection drops;
            // ObjectDisposed/InvalidOperation: a multiplexer torn down under the call. Redis down never fails a request.
            if (call is { IsCompleted: false })
            {
                _ = UndoIfAppliedAsync(call, lease);
            }

            if (Breaker.Failed())
            {
                DataPlaneLog.LimitStoreUnreachable(_logger, ex.GetType().Name, ex.Message, _connection.LiveNodes);
            }

            return Local(lease);
        }

        if (Breaker.Succeeded())
        {
            DataPlaneLog.LimitStoreBack(_logger);
        }

        return Read(result, lease);
    }

    public void Release(LimitLease lease, long actualTokens)
    {
        if (!lease.TryMarkReleased())
        {
            return;
        }

        if (lease.Local)
        {
            LocalLimiter.Release(lease, actualTokens);
            if (lease.HasSpend && lease.ActualSpend != lease.SpendGranted)
            {
                // Redis was charged the reservation (Charge): it settles to the actual cost too.
                _releaser.Enqueue(CounterAdjustment.SettleSpend(lease));
            }

            return;
        }

        lease.ActualTokens = actualTokens;
        _releaser.Enqueue(CounterAdjustment.Release(lease));
    }

    private bool Local(LimitLease lease)
    {
        var admitted = LocalLimiter.TryAcquire(lease, _time.GetUtcNow().ToUnixTimeMilliseconds(), _connection.LiveNodes);
        lease.Local = true;
        if (admitted)
        {
            _releaser.Enqueue(CounterAdjustment.Charge(lease));
        }

        return admitted;
    }

    /// <summary>An acquire the node stopped waiting for may still reach Redis: if it was applied there, it is taken back.</summary>
    private async Task UndoIfAppliedAsync(Task<RedisResult> call, LimitLease lease)
    {
        try
        {
            var answer = (RedisResult[])(await call)!;
            if ((long)answer[0] == 1)
            {
                _releaser.Enqueue(CounterAdjustment.Undo(lease, (long)answer[1], (long)answer[4]));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            // Never applied (or unknown: the concurrency counter's expiry heals it).
        }
    }

    private (RedisKey[] Keys, RedisValue[] Values) Arguments(LimitLease lease)
    {
        var ops = lease.Ops;
        var keys = new RedisKey[ops.Length];
        var values = new RedisValue[3 + 3 * ops.Length];
        values[0] = _expiry;
        values[1] = lease.SpendMinimum;
        values[2] = _spendExpiry;
        for (var i = 0; i < ops.Length; i++)
        {
            ref readonly var op = ref ops[i];
            keys[i] = op.RedisKey;
            values[3 + 3 * i] = WireKind(op.Kind);
            values[4 + 3 * i] = op.Limit;
            values[5 + 3 * i] = op.Kind == CounterKind.Spend ? lease.SpendRequested : op.Amount;
        }

        return (keys, values);
    }

    private static int WireKind(CounterKind kind) => kind switch
    {
        CounterKind.Concurrent => RedisLimitScripts.Plain,
        CounterKind.Spend => RedisLimitScripts.Spend,
        _ => RedisLimitScripts.Windowed,
    };

    private static bool Read(RedisResult result, LimitLease lease)
    {
        var answer = (RedisResult[])result!;
        lease.ResetAnswer();
        var admitted = (long)answer[0] == 1;
        lease.Window = (long)answer[1];
        lease.ResetMilliseconds = (long)answer[2];
        var refused = (int)(long)answer[3] - 1;
        if (admitted)
        {
            lease.SpendGranted = (long)answer[4];
        }

        var ops = lease.Ops;
        for (var i = 0; i < ops.Length; i++)
        {
            var value = (long)answer[5 + i];
            if (ops[i].Kind == CounterKind.Spend)
            {
                Volatile.Write(ref ops[i].Spend!.Seen, value);
            }
            else if (ops[i].Kind != CounterKind.Concurrent)
            {
                ops[i].Cell.Seen(ops[i].Kind, lease.Window, value);
            }

            if (i == refused)
            {
                lease.Refused = i;
                lease.RefusedUsed = value;
                lease.RefusedLimit = ops[i].Limit;
                lease.Remaining(ops[i].Kind, ops[i].Limit, 0);
            }
            else
            {
                lease.Remaining(ops[i].Kind, ops[i].Limit, ops[i].Limit - value);
            }
        }

        return admitted;
    }
}
