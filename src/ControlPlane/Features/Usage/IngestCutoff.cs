using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Makes a record's <see cref="UsageRecordEntity.IngestedAt"/> and a chargeback statement's close time comparable: a record
/// stamped before a statement closed is visible to that statement, and one committed after it is stamped after it. Ingest
/// stamps its records only inside its inserting transaction once it holds the tenant's ingest lock in shared mode; closing
/// a tenant's statement takes the same lock exclusively before its snapshot and its time. So no ingest of that tenant is
/// between stamp and commit while a statement closes, and no record can be stamped before the close yet committed after it.
/// <list type="bullet">
/// <item>PostgreSQL: advisory locks keyed by tenant; ingest's are transaction-scoped and shared (ingests never wait for
/// each other), the close's is session-scoped and exclusive, taken before its repeatable-read transaction begins so that
/// its snapshot is taken after every ingest it waited for has committed.</item>
/// <item>SQLite: every write transaction holds the database's write lock from its start (Microsoft.Data.Sqlite begins them
/// IMMEDIATE), the close's included, so nothing more is needed than stamping inside the transaction.</item>
/// </list>
/// </summary>
public static class IngestCutoff
{
    /// <summary>In the inserting transaction, before the records are stamped: waits while a statement of one of the tenants closes.</summary>
    public static async Task EnterIngestAsync(ControlPlaneDbContext db, IEnumerable<Guid> tenantIds, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var keys = tenantIds.Distinct().Select(LockKey).Distinct().Order().ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock_shared(k) FROM unnest({keys}) AS k ORDER BY k", cancellationToken);
    }

    /// <summary>
    /// Before a statement's transaction begins: waits for the tenant's ingests in flight and holds new ones back until the
    /// returned handle is disposed (after the statement's commit). The connection stays open meanwhile.
    /// </summary>
    public static async Task<IAsyncDisposable> EnterCloseAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            return new Release(db, null);
        }

        var key = LockKey(tenantId);
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }

        return new Release(db, key);
    }

    /// <summary>A 64-bit advisory lock key for the tenant's ingest (a collision only makes two tenants wait for each other's closes).</summary>
    public static long LockKey(Guid tenantId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"switchyard-usage-ingest:{tenantId:D}")));

    private sealed class Release(ControlPlaneDbContext db, long? key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (key is { } k)
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({k})");
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
