using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// GET /api/tenants/{tenantId}/audit/verify: walks every chain of the tenant (requests per node, admin actions) from its
/// anchor to its head, recomputing each entry's hash, and reports the first broken link per chain: an edited entry
/// (<c>hash mismatch</c>), a removed or reordered one (<c>sequence gap</c>, <c>previous hash mismatch</c>), or entries
/// missing at the end (<c>head mismatch</c>). Reads a page of entries at a time.
/// </summary>
public static class VerifyAuditChains
{
    private const int PageSize = 1000;

    public static async Task<Ok<AuditVerificationDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var chains = await db.Set<AuditChain>().AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(cancellationToken);
        var results = new List<AuditChainVerificationDto>();
        foreach (var chain in chains.OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.NodeId, StringComparer.Ordinal))
        {
            results.Add(chain.Kind == AuditChainKinds.Admin
                ? await VerifyAsync(chain, after => AdminPageAsync(db, tenantId, after, cancellationToken))
                : await VerifyAsync(chain, after => RequestPageAsync(db, tenantId, chain.NodeId, after, cancellationToken)));
        }

        return TypedResults.Ok(new AuditVerificationDto(results.All(r => r.BrokenAt is null), results));
    }

    private static async Task<AuditChainVerificationDto> VerifyAsync(AuditChain chain, Func<long, Task<List<Link>>> page)
    {
        var sequence = chain.AnchorSequence;
        var previous = chain.AnchorHash;
        long entries = 0;
        while (true)
        {
            var links = await page(sequence);
            foreach (var link in links)
            {
                entries++;
                var broken = link.Sequence != sequence + 1 ? "sequence gap"
                    : link.PreviousHash != previous ? "previous hash mismatch"
                    : link.Hash != link.Computed ? "hash mismatch"
                    : null;
                if (broken is not null)
                {
                    return Result(chain, entries, new AuditBrokenLinkDto(link.Id, link.Sequence, broken));
                }

                sequence = link.Sequence;
                previous = link.Hash;
            }

            if (links.Count < PageSize)
            {
                break;
            }
        }

        return sequence != chain.LastSequence || previous != chain.LastHash
            ? Result(chain, entries, new AuditBrokenLinkDto(null, sequence + 1, "head mismatch"))
            : Result(chain, entries, null);
    }

    private static async Task<List<Link>> AdminPageAsync(ControlPlaneDbContext db, Guid tenantId, long after, CancellationToken cancellationToken)
    {
        var entries = await db.Set<AuditAdminEntry>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
        return entries.ConvertAll(e => new Link(e.Id, e.Sequence, e.PreviousHash, e.Hash, AuditHashing.Of(e)));
    }

    private static async Task<List<Link>> RequestPageAsync(ControlPlaneDbContext db, Guid tenantId, string nodeId, long after, CancellationToken cancellationToken)
    {
        var entries = await db.Set<AuditRequestEntry>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.NodeId == nodeId && e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
        return entries.ConvertAll(e => new Link(e.Id, e.Sequence, e.PreviousHash, e.Hash, AuditHashing.Of(e)));
    }

    private static AuditChainVerificationDto Result(AuditChain chain, long entries, AuditBrokenLinkDto? broken) =>
        new(chain.Kind, chain.NodeId, entries, chain.LastSequence, broken);

    private sealed record Link(Guid Id, long Sequence, string PreviousHash, string Hash, string Computed);
}
