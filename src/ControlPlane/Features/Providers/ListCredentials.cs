using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>GET /api/tenants/{tenantId}/credentials (tenant admins). Never returns a secret.</summary>
public static class ListCredentials
{
    public static async Task<Results<Ok<CredentialDto[]>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only tenant administrators can see provider credentials.");
        }

        var credentials = await db.ProviderCredentials.AsNoTracking()
            .Where(c => c.TenantId == tenantId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(credentials.Select(c => c.ToDto()).ToArray());
    }
}
