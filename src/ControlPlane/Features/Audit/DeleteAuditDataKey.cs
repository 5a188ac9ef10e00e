using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// DELETE /api/tenants/{tenantId}/audit/key (tenant admins): deletes the tenant's audit data key, which makes every audit
/// body stored so far unreadable (crypto-shredding); metadata, hashes and the chains stay verifiable. Bodies captured
/// later are encrypted under a new key. Deleted through SaveChanges so its admin audit entry commits with it.
/// </summary>
public static class DeleteAuditDataKey
{
    public static async Task<NoContent> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        db.Set<AuditDataKey>().RemoveRange(await db.Set<AuditDataKey>().Where(k => k.TenantId == tenantId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
