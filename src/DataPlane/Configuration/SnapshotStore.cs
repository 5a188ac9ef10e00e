using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Holds the node's one live <see cref="RuntimeSnapshot"/> behind a single volatile reference. Readers take the
/// reference once per request; <see cref="Apply"/> validates first, then swaps atomically (revisions only move forward).
/// One tenant's invalid item never blocks a revision: it is left out and reported (see <see cref="SnapshotCompiler"/>).
/// </summary>
public sealed class SnapshotStore(SnapshotCompiler compiler)
{
    private volatile RuntimeSnapshot? _current;

    /// <summary>The live snapshot, or null before the first one is loaded.</summary>
    public RuntimeSnapshot? Current => _current;

    public long Revision => _current?.Revision ?? 0;

    public SnapshotApplyResult Apply(ConfigSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = _current;
        if (current is not null && snapshot.Revision <= current.Revision)
        {
            return new SnapshotApplyResult(SnapshotApplyStatus.Stale, snapshot.Revision, null);
        }

        var compiled = compiler.Compile(snapshot, out var error);
        if (compiled is null)
        {
            return new SnapshotApplyResult(SnapshotApplyStatus.Invalid, snapshot.Revision, error);
        }

        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _current, compiled, current);
            if (ReferenceEquals(seen, current))
            {
                return new SnapshotApplyResult(SnapshotApplyStatus.Applied, snapshot.Revision, null) { Rejected = compiled.Rejected };
            }

            // Another apply won the race; only replace it if we are still newer.
            if (seen is not null && seen.Revision >= compiled.Revision)
            {
                return new SnapshotApplyResult(SnapshotApplyStatus.Stale, snapshot.Revision, null);
            }

            current = seen;
        }
    }
}
