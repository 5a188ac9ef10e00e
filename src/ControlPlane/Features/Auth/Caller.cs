using System.Security.Claims;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Who is calling the admin API, resolved per request from the principal (bind it as an endpoint parameter). Which
/// endpoints a role may call is decided by the endpoint groups' <see cref="AdminPolicies"/>; handlers use the caller for
/// what depends on the data (who may grant which role, the audit trail). A member's
/// role and tenant are current: <see cref="CurrentMemberAuthenticationHandler"/> re-reads them from the database on every
/// request, so a demotion applies at once rather than at the next sign-in.
/// </summary>
/// <param name="SubjectId">Member id or admin key id.</param>
/// <param name="TenantId">The caller's tenant; null for a platform admin key.</param>
public sealed record Caller(Guid SubjectId, Guid? TenantId, MemberRole Role, bool IsAdminKey)
{
    public bool IsPlatformAdmin => Role == MemberRole.PlatformAdmin;

    /// <summary>A tenant administrator or a platform admin.</summary>
    public bool IsTenantAdmin => Role is MemberRole.TenantAdmin or MemberRole.PlatformAdmin;

    /// <summary>A caller who may not see a tenant gets 404 for it, as if it did not exist.</summary>
    public bool CanSeeTenant(Guid tenantId) => IsPlatformAdmin || TenantId == tenantId;

    /// <summary>Text recorded as "created by".</summary>
    public string Audit => (IsAdminKey ? "admin-key:" : "member:") + SubjectId.ToString("D");

    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var subject)
            || !Enum.TryParse<MemberRole>(principal.FindFirstValue(SwitchyardClaims.Role), out var role))
        {
            return null;
        }

        Guid? tenant = Guid.TryParse(principal.FindFirstValue(SwitchyardClaims.TenantId), out var t) ? t : null;
        return new Caller(subject, tenant, role, principal.FindFirstValue(SwitchyardClaims.Kind) == SwitchyardClaims.AdminKeyKind);
    }

    /// <summary>Minimal-API binding: an authorised admin endpoint always has a caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(FromPrincipal(context.User));
}
