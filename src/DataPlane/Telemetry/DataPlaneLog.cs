using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Telemetry;

/// <summary>Source-generated log messages of the data plane. Never log keys, secrets or prompt text.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(1000, LogLevel.Information, "Applied config revision {Revision}.")]
    public static partial void SnapshotApplied(ILogger logger, long revision);

    [LoggerMessage(1001, LogLevel.Error, "Rejected config revision {Revision}; keeping the current snapshot: {Reason}")]
    public static partial void SnapshotRejected(ILogger logger, long revision, string reason);

    [LoggerMessage(1002, LogLevel.Warning, "Fetching the config snapshot failed ({ExceptionType}): {Message}")]
    public static partial void SnapshotFetchFailed(ILogger logger, string exceptionType, string message);

    [LoggerMessage(1003, LogLevel.Warning, "Loaded last-known-good config revision {Revision} from disk.")]
    public static partial void LastKnownGoodLoaded(ILogger logger, long revision);

    [LoggerMessage(1004, LogLevel.Error, "The last-known-good snapshot is unreadable ({ExceptionType}): {Message}")]
    public static partial void LastKnownGoodUnreadable(ILogger logger, string exceptionType, string message);

    [LoggerMessage(1005, LogLevel.Error, "Writing the last-known-good snapshot failed ({ExceptionType}): {Message}")]
    public static partial void LastKnownGoodWriteFailed(ILogger logger, string exceptionType, string message);

    [LoggerMessage(1006, LogLevel.Warning, "Publishing ConfigApplied for revision {Revision} failed ({ExceptionType}).")]
    public static partial void ConfigAppliedPublishFailed(ILogger logger, long revision, string exceptionType);

    [LoggerMessage(1007, LogLevel.Debug, "Revision check failed ({ExceptionType}): {Message}")]
    public static partial void RevisionPollFailed(ILogger logger, string exceptionType, string message);

    [LoggerMessage(1008, LogLevel.Warning, "No config snapshot yet; not ready. Retrying in {DelayMs} ms.")]
    public static partial void WaitingForSnapshot(ILogger logger, double delayMs);

    [LoggerMessage(2000, LogLevel.Information, "Upstream deployment {DeploymentId} answered HTTP {Status}.")]
    public static partial void UpstreamError(ILogger logger, Guid deploymentId, int status);

    [LoggerMessage(2001, LogLevel.Warning, "Forwarding to deployment {DeploymentId} failed: {Error} ({ExceptionType}).")]
    public static partial void ForwardFailed(ILogger logger, Guid deploymentId, ForwarderError error, string exceptionType);

    [LoggerMessage(2002, LogLevel.Error, "Unhandled error while serving {Endpoint}.")]
    public static partial void UnhandledException(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(2004, LogLevel.Information, "Could not read the request body of {Endpoint} (HTTP {Status}, a client problem): {Reason}")]
    public static partial void BadRequestBody(ILogger logger, string endpoint, int status, string reason);

    [LoggerMessage(2003, LogLevel.Error, "No provider adapter for kind {ProviderKind}.")]
    public static partial void NoAdapter(ILogger logger, string providerKind);

    [LoggerMessage(3000, LogLevel.Error, "Usage queue full; usage record {RecordId} dropped.")]
    public static partial void UsageDropped(ILogger logger, Guid recordId);

    [LoggerMessage(3002, LogLevel.Warning, "Skipped {Count} unreadable line(s) in spool segment {Segment}.")]
    public static partial void SpoolLinesSkipped(ILogger logger, string segment, int count);

    [LoggerMessage(3003, LogLevel.Warning, "Publishing usage segment {Segment} failed ({ExceptionType}): {Message}; will retry.")]
    public static partial void UsagePublishFailed(ILogger logger, string segment, string exceptionType, string message);

    [LoggerMessage(3004, LogLevel.Debug, "Published usage segment {Segment} ({Count} records).")]
    public static partial void UsagePublished(ILogger logger, string segment, int count);
}
