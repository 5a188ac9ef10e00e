using Microsoft.Extensions.Options;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// How old a snapshot may be. Its age counts from when the node last confirmed with the control plane that it is the
/// current revision (a fetch, or a revision check answering the held revision), not from when it was created: an
/// unchanged configuration stays fresh while the control plane answers, and ages as soon as it cannot be reached.
/// </summary>
public sealed class SnapshotStaleness(IOptions<SnapshotSyncOptions> options, TimeProvider time)
{
    private readonly TimeSpan? _maxAge = options.Value.MaxSnapshotAgeSeconds > 0 ? TimeSpan.FromSeconds(options.Value.MaxSnapshotAgeSeconds) : null;
    private readonly bool _refuse = options.Value.RefuseWhenStale && options.Value.MaxSnapshotAgeSeconds > 0;

    /// <summary>The limit, or null when there is none.</summary>
    public TimeSpan? MaxAge => _maxAge;

    /// <summary>Whether the gateway refuses requests while the snapshot is stale.</summary>
    public bool Refuses => _refuse;

    /// <summary>Time since <paramref name="confirmedAt"/> (never negative), or null when never confirmed.</summary>
    public TimeSpan? AgeOf(DateTimeOffset? confirmedAt) =>
        confirmedAt is { } at ? TimeSpan.FromTicks(Math.Max(0, (time.GetUtcNow() - at).Ticks)) : null;

    /// <summary>True when there is a limit and the snapshot's age is over it (a snapshot never confirmed is stale).</summary>
    public bool IsStale(DateTimeOffset? confirmedAt) => _maxAge is { } max && (AgeOf(confirmedAt) ?? TimeSpan.MaxValue) > max;
}
