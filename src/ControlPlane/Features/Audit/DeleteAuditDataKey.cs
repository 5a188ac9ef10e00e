using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// DELETE /api/tenants/{tenantId}/audit/key (tenant admins): deletes the tenant's audit data key, which makes every audit
/// body stored so far unreadable (crypto-shredding); metadata, hashes and the chains stay verifiable. Bodies captured
/// later are encrypted under a new key.
/// </summary>
public static class DeleteAuditDataKey
{
    public static async Task<NoContent> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        await db.Set<AuditDataKey>().Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
