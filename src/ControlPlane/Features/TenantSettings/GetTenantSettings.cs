using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TenantSettings;

/// <summary>GET /api/tenants/{tenantId}/settings (tenant admins): the password policy and whether TOTP is required.</summary>
public static class GetTenantSettings
{
    public static async Task<Ok<TenantSettingsDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await TenantSignInPolicy.ForTenantAsync(db, tenantId, cancellationToken)).ToDto());
}
