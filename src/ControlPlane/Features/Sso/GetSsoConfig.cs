using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>GET /api/tenants/{tenantId}/sso (tenant admins): the tenant's single sign-on without its secret; 404 when none.</summary>
public static class GetSsoConfig
{
    public static async Task<Results<Ok<SsoConfigDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, HttpRequest request, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var sso = await db.TenantSso.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        return sso is null
            ? Problems.NotFound("Single sign-on for this tenant")
            : TypedResults.Ok(sso.ToDto(SsoRedirectUri.For(request, tenantId)));
    }
}
