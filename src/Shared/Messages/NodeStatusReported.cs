namespace Switchyard.Shared.Messages;

/// <summary>A node's periodic report of its own state, for the platform admin's view of the nodes.</summary>
/// <param name="Revision">The config revision the node serves (0 before its first snapshot).</param>
/// <param name="SnapshotConfirmedAt">When the control plane last confirmed that revision as current; null when never.</param>
/// <param name="SpoolSegments">Closed usage spool segments not yet delivered to the control plane.</param>
/// <param name="SpoolAgeSeconds">Age of the oldest of them; null when there are none.</param>
/// <param name="Ready">True when the node serves traffic (a usable snapshot, not draining).</param>
/// <param name="InFlight">Gateway requests in progress.</param>
public sealed record NodeStatusReported(
    string NodeId, DateTimeOffset At, long Revision, DateTimeOffset? SnapshotConfirmedAt, int SpoolSegments, double? SpoolAgeSeconds, bool Ready, int InFlight);
