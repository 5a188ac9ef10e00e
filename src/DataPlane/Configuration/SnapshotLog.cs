namespace Switchyard.DataPlane.Configuration;

/// <summary>Log messages of applying snapshots that the node's general log (<c>DataPlaneLog</c>) does not cover.</summary>
internal static partial class SnapshotLog
{
    /// <summary>At most this many left-out items are logged one by one per revision; all of them are reported.</summary>
    public const int MaxLoggedItems = 50;

    [LoggerMessage(1009, LogLevel.Warning,
        "Config revision {Revision}: left out {Kind} {ItemId} of tenant {TenantId}: {Reason}")]
    public static partial void ItemLeftOut(ILogger logger, long revision, string kind, Guid itemId, Guid tenantId, string reason);

    [LoggerMessage(1010, LogLevel.Warning,
        "Config revision {Revision} applied without {Count} item(s) it could not accept; they are reported to the control plane.")]
    public static partial void ItemsLeftOut(ILogger logger, long revision, int count);
}
