namespace Switchyard.DataPlane.Telemetry;

/// <summary>Log messages about the node's own health: snapshot staleness, usage spool disk errors, graceful drain.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(1009, LogLevel.Warning,
        "Config revision {Revision} was last confirmed current {AgeSeconds:F0} s ago, over the limit of {MaxAgeSeconds} s: not ready{Refusing}.")]
    public static partial void SnapshotStale(ILogger logger, long revision, double ageSeconds, double maxAgeSeconds, string refusing);

    [LoggerMessage(1010, LogLevel.Information, "Config revision {Revision} confirmed current again; ready.")]
    public static partial void SnapshotFreshAgain(ILogger logger, long revision);

    [LoggerMessage(3001, LogLevel.Error,
        "Usage spool {Operation} failed ({ExceptionType}): {Message}. {Waiting} record(s) wait in memory; retrying in {RetrySeconds} s. The node keeps serving and reports not ready until the spool writes again.")]
    public static partial void SpoolWriteFailed(ILogger logger, string operation, string exceptionType, string message, int waiting, double retrySeconds);

    [LoggerMessage(3005, LogLevel.Information, "The usage spool writes again after {Failures} failed attempt(s) over {Seconds:F0} s.")]
    public static partial void SpoolRecovered(ILogger logger, int failures, double seconds);

    [LoggerMessage(3006, LogLevel.Error, "Stopping with {Count} usage record(s) that could not be written to the spool: they are lost.")]
    public static partial void SpoolRecordsLostAtStop(ILogger logger, int count);

    [LoggerMessage(3007, LogLevel.Warning, "Deleting the published usage segment {Segment} failed ({ExceptionType}): {Message}; will retry.")]
    public static partial void SpoolDeleteFailed(ILogger logger, string segment, string exceptionType, string message);

    [LoggerMessage(4000, LogLevel.Information,
        "Stopping: not ready, refusing new gateway requests, waiting up to {TimeoutSeconds} s for {InFlight} request(s) in flight.")]
    public static partial void DrainStarted(ILogger logger, int inFlight, double timeoutSeconds);

    [LoggerMessage(4001, LogLevel.Information, "Drained: every request in flight finished after {Seconds:F1} s.")]
    public static partial void DrainCompleted(ILogger logger, double seconds);

    [LoggerMessage(4002, LogLevel.Warning, "Drain timeout of {TimeoutSeconds} s reached with {InFlight} request(s) still in flight; stopping anyway.")]
    public static partial void DrainTimedOut(ILogger logger, double timeoutSeconds, int inFlight);
}
