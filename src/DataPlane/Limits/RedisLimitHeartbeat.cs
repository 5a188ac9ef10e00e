using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Connects to Redis and announces this node every <see cref="RateLimitingOptions.HeartbeatSeconds"/>; the answer is the
/// number of nodes heard from within five intervals (a late beat on a busy node must not halve everyone's share), which divides the limits while Redis is unreachable.
/// </summary>
public sealed class RedisLimitHeartbeat(
    RedisLimitConnection connection, IOptions<RateLimitingOptions> options, IConfiguration configuration, TimeProvider time,
    ILogger<RedisLimitHeartbeat> logger) : BackgroundService
{
    private readonly RedisKey _nodes = options.Value.KeyPrefix + "nodes";
    private readonly string _node = $"{configuration["DataPlane:NodeId"] ?? Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        do
        {
            await BeatAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One heartbeat; the live count is kept when Redis does not answer.</summary>
    public async Task BeatAsync()
    {
        try
        {
            if (await connection.EnsureConnectedAsync() && connection.Database is { } database)
            {
                var lifetime = (long)(_interval.TotalMilliseconds * 5);
                var live = (long)await database.ScriptEvaluateAsync(RedisLimitScripts.Heartbeat, [_nodes], [_node, lifetime]);
                if (connection.HeartbeatFailing)
                {
                    DataPlaneLog.LimitHeartbeatBack(logger, live);
                }

                connection.HeartbeatAnswered((int)live);
                return;
            }

            Failed("not connected");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            Failed(ex.Message);
        }
    }

    private void Failed(string reason)
    {
        if (!connection.HeartbeatFailing)
        {
            DataPlaneLog.LimitHeartbeatFailed(logger, reason, connection.LiveNodes);
        }

        connection.HeartbeatFailed();
    }
}
