namespace Switchyard.DataPlane.Configuration;

/// <summary>Outcome of offering a snapshot to the <see cref="SnapshotStore"/>.</summary>
public sealed record SnapshotApplyResult(SnapshotApplyStatus Status, long Revision, string? Error)
{
    public bool Applied => Status == SnapshotApplyStatus.Applied;
}
