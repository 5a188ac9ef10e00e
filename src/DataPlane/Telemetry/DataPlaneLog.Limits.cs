namespace Switchyard.DataPlane.Telemetry;

/// <summary>Log messages about the rate-limit store.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(6000, LogLevel.Warning,
        "Redis for rate limits is unreachable ({ExceptionType}: {Message}): enforcing this node's share of each limit (1/{LiveNodes}) until it answers again.")]
    public static partial void LimitStoreUnreachable(ILogger logger, string exceptionType, string message, int liveNodes);

    [LoggerMessage(6001, LogLevel.Information, "Redis for rate limits answers again: limits are shared by every node again.")]
    public static partial void LimitStoreBack(ILogger logger);

    [LoggerMessage(6002, LogLevel.Warning, "Releasing {Ops} rate-limit counter op(s) in Redis failed ({ExceptionType}: {Message}); retrying.")]
    public static partial void LimitReleaseFailed(ILogger logger, int ops, string exceptionType, string message);

    [LoggerMessage(6003, LogLevel.Error, "Dropped {Ops} rate-limit release op(s) waiting for Redis; concurrency counters heal at their expiry.")]
    public static partial void LimitReleasesDropped(ILogger logger, int ops);

    [LoggerMessage(6004, LogLevel.Warning, "Rate-limit heartbeat to Redis failed ({Reason}); keeping the last live-node count {LiveNodes}.")]
    public static partial void LimitHeartbeatFailed(ILogger logger, string reason, int liveNodes);

    [LoggerMessage(6005, LogLevel.Information, "Rate-limit heartbeat to Redis answers again: {LiveNodes} live node(s).")]
    public static partial void LimitHeartbeatBack(ILogger logger, long liveNodes);

    [LoggerMessage(6010, LogLevel.Warning,
        "Reading the budgets' spend from the control plane failed ({ExceptionType}: {Message}); this node's in-memory budget counters keep their values and it tries again.")]
    public static partial void BudgetSpendSyncFailed(ILogger logger, string exceptionType, string message);
}
