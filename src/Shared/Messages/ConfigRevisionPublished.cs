namespace Switchyard.Shared.Messages;

/// <summary>The control plane compiled a new config snapshot. Nodes fetch it over HTTP. Published as a fanout.</summary>
public sealed record ConfigRevisionPublished(long Revision, string Hash);
