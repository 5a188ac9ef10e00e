namespace Switchyard.Shared.Admin;

public sealed record NodeStatusDto(string NodeId, long Revision, bool Succeeded, string? Error, DateTimeOffset LastSeen);

public sealed record ConfigRevisionDto(long Revision, string Hash, DateTimeOffset CreatedAt);
