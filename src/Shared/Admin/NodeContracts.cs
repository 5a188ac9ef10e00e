namespace Switchyard.Shared.Admin;

/// <summary>GET /api/nodes: the revision a node last reported and the items of its snapshot it could not accept.</summary>
/// <param name="Rejected">Items the node left out of the revision it applied (empty when it accepted everything).</param>
public sealed record NodeStatusDto(
    string NodeId, long Revision, bool Succeeded, string? Error, DateTimeOffset LastSeen, IReadOnlyList<RejectedItemDto> Rejected);

/// <summary>One item of one tenant that a node left out of its snapshot, and why.</summary>
/// <param name="Kind">"route", "deployment", "credential" or "key".</param>
public sealed record RejectedItemDto(Guid TenantId, string Kind, Guid Id, string Reason);

public sealed record ConfigRevisionDto(long Revision, string Hash, DateTimeOffset CreatedAt);
