namespace Switchyard.Shared.Messages;

/// <summary>A node applied (or failed to apply) a snapshot revision.</summary>
public sealed record ConfigApplied(string NodeId, long Revision, bool Succeeded, string? Error, DateTimeOffset At);
