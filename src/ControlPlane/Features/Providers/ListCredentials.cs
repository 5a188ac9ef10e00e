using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>GET /api/tenants/{tenantId}/credentials (tenant admins). Never returns a secret.</summary>
public static class ListCredentials
{
    public static async Task<Ok<CredentialDto[]>> HandleAsync(
        Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var credentials = await db.ProviderCredentials.AsNoTracking()
            .Where(c => c.TenantId == tenantId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(credentials.Select(c => c.ToDto()).ToArray());
    }
}
