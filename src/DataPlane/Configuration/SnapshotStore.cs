using Switchyard.DataPlane.Chat;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Holds the node's one live <see cref="RuntimeSnapshot"/> behind a single volatile reference. Readers take the
/// reference once per request; <see cref="Apply"/> validates first, then swaps atomically (revisions only move forward).
/// One tenant's invalid item never blocks a revision: it is left out and reported (see <see cref="SnapshotCompiler"/>).
/// It also knows when the snapshot was last confirmed current and answers whether the gateway may serve from it
/// (<see cref="TryGetUsable"/>).
/// </summary>
public sealed class SnapshotStore(SnapshotCompiler compiler, SnapshotStaleness? staleness = null)
{
    private static readonly GatewayError NotReady = new(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
        "The gateway is starting and has no configuration yet. Please retry shortly.") { Code = "not_ready", RetryAfter = "1" };

    private static readonly GatewayError Stale = new(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
        "The gateway cannot confirm that its configuration is current and refuses requests until it can. Please retry later.")
        { Code = "config_stale", RetryAfter = "10" };

    private volatile RuntimeSnapshot? _current;
    private long _confirmedAtUtcTicks;

    /// <summary>The live snapshot, or null before the first one is loaded.</summary>
    public RuntimeSnapshot? Current => _current;

    public long Revision => _current?.Revision ?? 0;

    /// <summary>When the control plane last confirmed the live revision as current (null before any snapshot).</summary>
    public DateTimeOffset? ConfirmedAt =>
        Interlocked.Read(ref _confirmedAtUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// The snapshot the gateway may serve from; null with the refusal to answer (503) when it has none yet, or when the
    /// snapshot is stale and the node is configured to refuse then.
    /// </summary>
    public RuntimeSnapshot? TryGetUsable(out GatewayError? refusal)
    {
        var snapshot = _current;
        refusal = snapshot is null ? NotReady
            : staleness?.Refuses == true && staleness.IsStale(ConfirmedAt) ? Stale
            : null;
        return refusal is null ? snapshot : null;
    }

    /// <summary>
    /// Notes that <paramref name="revision"/> was current at <paramref name="at"/>; ignored unless it is the live
    /// revision. Confirmation times only move forward.
    /// </summary>
    public void Confirm(long revision, DateTimeOffset at)
    {
        if (_current?.Revision != revision)
        {
            return;
        }

        var ticks = at.UtcTicks;
        var seen = Interlocked.Read(ref _confirmedAtUtcTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _confirmedAtUtcTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

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
