using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// The control plane's connection to the nodes' Redis, for reconciling their spend counters (lazy; none when no Redis is
/// configured). Never throws for an unreachable Redis: the reconciliation tries again on its next run.
/// </summary>
public sealed class BudgetRedis(IOptions<BudgetsOptions> options, IConfiguration configuration, ILogger<BudgetRedis> logger) : IAsyncDisposable
{
    /// <summary>Raises every counter below the ledger to it; leaves higher ones (reservations in flight, spend not yet ingested).</summary>
    public const string ReconcileScript = """
        local raised = 0
        for i = 1, #KEYS do
          local ledger = tonumber(ARGV[2 * i - 1])
          local v = tonumber(redis.call('GET', KEYS[i]) or '0')
          if v < ledger then
            redis.call('SET', KEYS[i], ledger, 'PX', tonumber(ARGV[2 * i]))
            raised = raised + 1
          end
        end
        return raised
        """;

    private readonly string? _connectionString = options.Value.ConnectionString(configuration);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public bool Configured => !string.IsNullOrWhiteSpace(_connectionString);

    /// <summary>The counter a node reserves a budget level's spend in (the data plane's <c>LimitCell</c> naming).</summary>
    public static string CounterName(string prefix, string scope, Guid owner, string period) => $"{prefix}{scope}:{owner:N}::s:{period}";

    /// <summary>Raises the given counters to the ledger's values; the number raised, or null when Redis is not configured or unreachable.</summary>
    public async Task<int?> RaiseAsync(IReadOnlyList<(string Counter, long LedgerMicros)> counters, TimeSpan expiry)
    {
        if (!Configured || counters.Count == 0)
        {
            return Configured ? 0 : null;
        }

        try
        {
            var database = (await ConnectAsync()).GetDatabase();
            var keys = counters.Select(c => (RedisKey)c.Counter).ToArray();
            var values = counters.SelectMany(c => new RedisValue[] { c.LedgerMicros, (long)expiry.TotalMilliseconds }).ToArray();
            return (int)(long)(await database.ScriptEvaluateAsync(ReconcileScript, keys, values))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BudgetsLog.RedisUnreachable(logger, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync();
        try
        {
            if (_connection is null)
            {
                var config = ConfigurationOptions.Parse(_connectionString!);
                config.AbortOnConnectFail = false;
                config.ConnectTimeout = 2000;
                config.SyncTimeout = 2000;
                config.AsyncTimeout = 2000;
                _connection = await ConnectionMultiplexer.ConnectAsync(config);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }
}
