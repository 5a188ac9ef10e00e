using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// GET /api/tenants/{tenantId}/scim (tenant admins): the SCIM base URL to paste into the identity provider
/// (<see cref="ScimOptions.PublicBaseUrl"/>, or this request's scheme and host) and the tenant's tokens.
/// </summary>
public static class GetScimSettings
{
    public static async Task<Ok<ScimSettingsDto>> HandleAsync(
        Guid tenantId, HttpRequest request, IOptions<ScimOptions> options, ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScimSettingsDto(options.Value.BaseUrl(request), await ListScimTokens.ForTenantAsync(db, tenantId, cancellationToken)));
}
