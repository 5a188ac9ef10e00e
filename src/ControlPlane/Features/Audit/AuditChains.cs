using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Appends to a hash chain without forking it: the caller's transaction first takes the chain's lock — on PostgreSQL a
/// transaction-scoped advisory lock keyed by the chain, on SQLite the database's write lock, which every write
/// transaction holds from its start (Microsoft.Data.Sqlite begins them IMMEDIATE) — then reads the head, links the new
/// entries to it and moves it. Another writer of the same chain waits for the commit and reads the moved head.
/// </summary>
public static class AuditChains
{
    /// <summary>Locks the chain for the rest of the current transaction and returns its head (tracked; created when new).</summary>
    public static async Task<AuditChain> LockAsync(ControlPlaneDbContext db, Guid tenantId, string kind, string nodeId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit chain is appended to inside a transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            var lockKey = LockKey(tenantId, kind, nodeId);
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        }

        var head = await db.Set<AuditChain>().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Kind == kind && c.NodeId == nodeId, cancellationToken);
        if (head is null)
        {
            head = new AuditChain { TenantId = tenantId, Kind = kind, NodeId = nodeId };
            db.Set<AuditChain>().Add(head);
        }

        return head;
    }

    /// <summary>Takes the next place in <paramref name="head"/>'s chain for <paramref name="entry"/> and hashes it.</summary>
    public static void Append(AuditChain head, AuditRequestEntry entry)
    {
        entry.Sequence = ++head.LastSequence;
        entry.PreviousHash = head.LastHash;
        entry.Hash = AuditHashing.Of(entry);
        head.LastHash = entry.Hash;
    }

    /// <inheritdoc cref="Append(AuditChain, AuditRequestEntry)"/>
    public static void Append(AuditChain head, AuditAdminEntry entry)
    {
        entry.Sequence = ++head.LastSequence;
        entry.PreviousHash = head.LastHash;
        entry.Hash = AuditHashing.Of(entry);
        head.LastHash = entry.Hash;
    }

    /// <summary>A 64-bit advisory lock key for the chain (a collision only makes two chains take turns).</summary>
    public static long LockKey(Guid tenantId, string kind, string nodeId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"switchyard-audit:{tenantId:D}:{kind}:{nodeId}")));
}
