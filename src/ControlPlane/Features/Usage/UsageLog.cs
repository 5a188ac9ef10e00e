namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Log messages of usage ingestion.</summary>
internal static partial class UsageLog
{
    [LoggerMessage(5000, LogLevel.Warning,
        "Quarantined {Count} usage record(s) of batch {BatchId} from node {NodeId} that cannot be stored; see GET /api/usage/quarantine.")]
    public static partial void RecordsQuarantined(ILogger logger, int count, Guid batchId, string nodeId);

    [LoggerMessage(5001, LogLevel.Error,
        "Usage batch {BatchId} from node {NodeId} ({Count} records) failed every attempt and was dead-lettered; see GET /api/usage/dead-letters.")]
    public static partial void BatchDeadLettered(ILogger logger, Guid batchId, string nodeId, int count, Exception? exception);
}
