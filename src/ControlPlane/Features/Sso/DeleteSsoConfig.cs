using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// DELETE /api/tenants/{tenantId}/sso (tenant admins): removes the tenant's single sign-on and releases its email domains.
/// Members provisioned by SSO stay; without a password they cannot sign in until an administrator gives them one.
/// </summary>
public static class DeleteSsoConfig
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var sso = await db.TenantSso.FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (sso is null)
        {
            return Problems.NotFound("Single sign-on for this tenant");
        }

        db.SsoDomains.RemoveRange(await db.SsoDomains.Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken));
        db.TenantSso.Remove(sso);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
