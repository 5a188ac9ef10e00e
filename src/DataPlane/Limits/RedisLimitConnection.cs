using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The node's Redis connection for the limits and what it knows of the other nodes: the live-node count from the last
/// heartbeat that answered (kept while Redis is down), and whether that heartbeat failed. Connects in the background
/// (a node starts and serves, on its local share, while Redis is down).
/// </summary>
public sealed class RedisLimitConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions? _configuration;
    private IConnectionMultiplexer? _multiplexer;
    private int _liveNodes;
    private int _heartbeatFailing;

    public RedisLimitConnection(IOptions<RateLimitingOptions> options, IConfiguration configuration)
    {
        var value = options.Value;
        _liveNodes = value.NodesWhenUnknown;
        if (value.ConnectionString(configuration) is { Length: > 0 } connection)
        {
            _configuration = ConfigurationOptions.Parse(connection);
            _configuration.AbortOnConnectFail = false;
            _configuration.BacklogPolicy = BacklogPolicy.FailFast;
            _configuration.ConnectTimeout = 2000;
            _configuration.AsyncTimeout = Math.Max(value.RedisTimeoutMilliseconds, 50);
            _configuration.ClientName ??= "switchyard-limits";
        }
    }

    /// <summary>The database once connected; null before (the store then decides locally).</summary>
    public IDatabase? Database => _multiplexer is { IsConnected: true } m ? m.GetDatabase() : null;

    /// <summary>True while the connection to Redis is up.</summary>
    public bool IsConnected => _multiplexer is { IsConnected: true };

    /// <summary>Live data-plane nodes sharing the limits (at least 1).</summary>
    public int LiveNodes => Math.Max(1, Volatile.Read(ref _liveNodes));

    /// <summary>True while the last heartbeat (or the connection) failed.</summary>
    public bool HeartbeatFailing => Volatile.Read(ref _heartbeatFailing) == 1;

    /// <summary>Connects (once); returns false while Redis cannot be reached.</summary>
    public async Task<bool> EnsureConnectedAsync()
    {
        if (_configuration is null)
        {
            return false;
        }

        _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(_configuration);
        return _multiplexer.IsConnected;
    }

    internal void HeartbeatAnswered(int liveNodes)
    {
        Volatile.Write(ref _liveNodes, Math.Max(1, liveNodes));
        Volatile.Write(ref _heartbeatFailing, 0);
    }

    internal void HeartbeatFailed() => Volatile.Write(ref _heartbeatFailing, 1);

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync();
            multiplexer.Dispose();
        }
    }
}
