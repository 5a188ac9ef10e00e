using System.Security.Claims;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>
/// The signed-in member as read from the portal's cookie claims. <see cref="TenantId"/> is the tenant the portal works on:
/// the member's own, or for a platform admin the tenant they switched to (<see cref="HomeTenantId"/> stays their own).
/// Every page takes its tenant from here, so a switch reaches every API call.
/// </summary>
public sealed record PortalUser(Guid MemberId, string Email, Guid TenantId, string TenantName, MemberRole Role)
{
    public bool IsTenantAdmin => Role is MemberRole.TenantAdmin or MemberRole.PlatformAdmin;

    public bool IsPlatformAdmin => Role == MemberRole.PlatformAdmin;

    /// <summary>The member's own tenant.</summary>
    public Guid HomeTenantId { get; init; }

    /// <summary>A platform admin is working on another tenant than their own.</summary>
    public bool IsSwitched => TenantId != HomeTenantId;

    public static PortalUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId)
            || !Guid.TryParse(principal.FindFirstValue(PortalClaims.TenantId), out var tenantId)
            || !Enum.TryParse<MemberRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        var tenantName = principal.FindFirstValue(PortalClaims.TenantName) ?? string.Empty;
        var user = new PortalUser(memberId, principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty, tenantId, tenantName, role)
        {
            HomeTenantId = tenantId,
        };

        // Only a platform admin's selection counts; anyone else always works on their own tenant.
        return role == MemberRole.PlatformAdmin
            && Guid.TryParse(principal.FindFirstValue(PortalClaims.SelectedTenantId), out var selected)
            ? user with { TenantId = selected, TenantName = principal.FindFirstValue(PortalClaims.SelectedTenantName) ?? string.Empty }
            : user;
    }

    /// <summary>The claims the login page signs in with.</summary>
    public static ClaimsPrincipal CreatePrincipal(LoginResponse login)
    {
        var user = login.User;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(PortalClaims.TenantId, user.TenantId.ToString()),
                new Claim(PortalClaims.TenantName, user.TenantName),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
                new Claim(PortalClaims.ApiToken, login.AccessToken),
            ],
            PortalClaims.Scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The same session working on <paramref name="tenantId"/> (a platform admin's tenant switch); the member's own tenant
    /// clears the selection. Every other claim, the API token included, is kept.
    /// </summary>
    public static ClaimsPrincipal SelectTenant(ClaimsPrincipal principal, Guid tenantId, string tenantName)
    {
        var claims = principal.Claims
            .Where(c => c.Type is not (PortalClaims.SelectedTenantId or PortalClaims.SelectedTenantName))
            .Select(c => new Claim(c.Type, c.Value))
            .ToList();
        if (principal.FindFirstValue(PortalClaims.TenantId) != tenantId.ToString())
        {
            claims.Add(new Claim(PortalClaims.SelectedTenantId, tenantId.ToString()));
            claims.Add(new Claim(PortalClaims.SelectedTenantName, tenantName));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, PortalClaims.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
