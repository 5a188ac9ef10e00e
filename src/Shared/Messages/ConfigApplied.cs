namespace Switchyard.Shared.Messages;

/// <summary>A node applied (or failed to apply) a snapshot revision.</summary>
/// <param name="Succeeded">True when the snapshot was applied, possibly without the items in <paramref name="Rejected"/>.</param>
/// <param name="Error">Why the whole snapshot was rejected (schema version, hash) or could not be fetched.</param>
/// <param name="Rejected">
/// Items of one tenant or another that the node left out of an applied snapshot (at most <see cref="MaxRejected"/>);
/// null or empty when there were none. Absent in reports from nodes that predate it.
/// </param>
public sealed record ConfigApplied(
    string NodeId, long Revision, bool Succeeded, string? Error, DateTimeOffset At, IReadOnlyList<RejectedConfigItem>? Rejected = null)
{
    /// <summary>The most rejected items one report carries.</summary>
    public const int MaxRejected = 500;
}
