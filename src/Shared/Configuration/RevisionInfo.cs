namespace Switchyard.Shared.Configuration;

/// <summary>Answer of the control plane's revision endpoint, used by nodes to heal missed events.</summary>
public sealed record RevisionInfo(long Revision, string Hash);
