using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Outcome of offering a snapshot to the <see cref="SnapshotStore"/>.</summary>
/// <param name="Error">Why the whole snapshot was rejected.</param>
public sealed record SnapshotApplyResult(SnapshotApplyStatus Status, long Revision, string? Error)
{
    public bool Applied => Status == SnapshotApplyStatus.Applied;

    /// <summary>Items left out of an applied snapshot (see <see cref="RuntimeSnapshot.Rejected"/>).</summary>
    public IReadOnlyList<RejectedConfigItem> Rejected { get; init; } = [];
}
