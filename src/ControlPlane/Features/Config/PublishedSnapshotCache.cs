using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Holds the snapshot of the latest revision built. <see cref="GetLatestAsync"/> (the publisher, the admin API) rebuilds it
/// when the database has moved on. <see cref="GetPublishedAsync"/> (the nodes' endpoints) serves the latest snapshot any
/// control plane has built — the builder stores each build's hash on its revision — and builds only to catch up with one
/// built elsewhere, so several control planes behind one address all serve what was announced, while a burst of changes is
/// compiled by the publisher once per window rather than again by every node that fetches in between.
/// </summary>
public sealed class PublishedSnapshotCache(IServiceScopeFactory scopes, SnapshotBuilder builder) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PublishedSnapshot? _latest;

    /// <summary>The snapshot of the latest revision in the database, built if needed.</summary>
    public async Task<PublishedSnapshot> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var revision = await db.ConfigRevisions.AsNoTracking().MaxAsync(r => (long?)r.Revision, cancellationToken) ?? 0;
        return await GetAtLeastAsync(db, revision, cancellationToken);
    }

    /// <summary>The latest snapshot built by any control plane (at first use, the latest revision's).</summary>
    public async Task<PublishedSnapshot> GetPublishedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        // Newest first along the primary key: only revisions committed since the last build are skipped.
        var built = await db.ConfigRevisions.AsNoTracking().OrderByDescending(r => r.Revision).Where(r => r.Hash != "")
            .Select(r => r.Revision).FirstOrDefaultAsync(cancellationToken);
        return await GetAtLeastAsync(db, built, cancellationToken);
    }

    private async Task<PublishedSnapshot> GetAtLeastAsync(ControlPlaneDbContext db, long revision, CancellationToken cancellationToken)
    {
        if (_latest is { } cached && cached.Revision >= revision)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } again && again.Revision >= revision)
            {
                return again;
            }

            var built = await builder.BuildAsync(db, cancellationToken);
            _latest = built;
            return built;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
