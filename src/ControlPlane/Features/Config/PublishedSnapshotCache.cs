using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Holds the published snapshot of the latest revision. A read checks the latest revision number (one small query) and
/// rebuilds it only when the database has moved on, so several control planes behind one address all serve the latest.
/// </summary>
public sealed class PublishedSnapshotCache(IServiceScopeFactory scopes, SnapshotBuilder builder) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PublishedSnapshot? _latest;

    public async Task<PublishedSnapshot> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var revision = await db.ConfigRevisions.AsNoTracking().MaxAsync(r => (long?)r.Revision, cancellationToken) ?? 0;
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
