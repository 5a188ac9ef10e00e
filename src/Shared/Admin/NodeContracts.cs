namespace Switchyard.Shared.Admin;

/// <summary>
/// GET /api/nodes: the revision a node last reported, the items of its snapshot it could not accept, and its latest status
/// report (null fields: the node has not sent one).
/// </summary>
/// <param name="LastSeen">The node's latest report of either kind (an applied revision or a status report).</param>
/// <param name="Rejected">Items the node left out of the revision it applied (empty when it accepted everything).</param>
/// <param name="SnapshotConfirmedAt">When the control plane last confirmed the node's revision as current (its snapshot age).</param>
/// <param name="SpoolSegments">Usage spool segments the node had not delivered yet.</param>
/// <param name="SpoolAgeSeconds">Age of the oldest of them.</param>
/// <param name="Ready">Whether the node served traffic (usable snapshot, not draining).</param>
public sealed record NodeStatusDto(
    string NodeId, long Revision, bool Succeeded, string? Error, DateTimeOffset LastSeen, IReadOnlyList<RejectedItemDto> Rejected,
    DateTimeOffset? StatusReportedAt = null, DateTimeOffset? SnapshotConfirmedAt = null, int? SpoolSegments = null, double? SpoolAgeSeconds = null,
    bool? Ready = null, int? InFlight = null);

/// <summary>One item of one tenant that a node left out of its snapshot, and why.</summary>
/// <param name="Kind">"route", "deployment", "credential" or "key".</param>
public sealed record RejectedItemDto(Guid TenantId, string Kind, Guid Id, string Reason);

public sealed record ConfigRevisionDto(long Revision, string Hash, DateTimeOffset CreatedAt);

/// <summary>GET /api/tenants/{tenantId}/routes/{id}/health: each deployment's health as each node last reported it.</summary>
public sealed record RouteHealthDto(Guid RouteId, string PublicModel, IReadOnlyList<DeploymentNodeHealthDto> Deployments);

/// <summary>One deployment of a route on one node.</summary>
/// <param name="BreakerState">"closed", "open" or "half-open".</param>
/// <param name="ReportedAt">When the node reported it (nodes report every few seconds; older rows are from stopped nodes).</param>
public sealed record DeploymentNodeHealthDto(
    Guid DeploymentId,
    string NodeId,
    string BreakerState,
    DateTimeOffset? CooldownUntil,
    double? LatencyMs,
    int InFlight,
    double? ErrorRate,
    int Requests,
    DateTimeOffset ReportedAt);
