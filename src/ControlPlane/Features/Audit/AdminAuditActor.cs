using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Who an admin audit entry names and on which tenant's admin chain it goes. For a signed-in admin API caller it is
/// <see cref="Caller.Audit"/> on the route's tenant (<see cref="AdminAuditWriter.TenantOf"/>); a caller authenticated
/// another way sets one on the request's features first — SCIM: <c>scim-token:&lt;token id&gt;</c> on the token's tenant.
/// </summary>
/// <param name="Actor">The recorded actor (an id, never a secret).</param>
/// <param name="TenantId">The chain: a tenant, or <see cref="Guid.Empty"/> for platform-level actions.</param>
public sealed record AdminAuditActor(string Actor, Guid TenantId)
{
    /// <summary>The actor of a SCIM request: the SCIM token by its id.</summary>
    public static AdminAuditActor ScimToken(Guid tokenId, Guid tenantId) => new("scim-token:" + tokenId.ToString("D"), tenantId);

    /// <summary>The request's actor: the one set on its features, else the signed-in caller's; null for an anonymous request.</summary>
    public static AdminAuditActor? Of(HttpContext http) =>
        http.Features.Get<AdminAuditActor>() ?? (Caller.FromPrincipal(http.User) is { } caller ? Of(http, caller) : null);

    public static AdminAuditActor Of(HttpContext http, Caller caller) => new(caller.Audit, AdminAuditWriter.TenantOf(http));
}
