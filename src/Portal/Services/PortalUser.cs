using System.Security.Claims;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>The signed-in member as read from the portal's cookie claims.</summary>
public sealed record PortalUser(Guid MemberId, string Email, Guid TenantId, string TenantName, MemberRole Role)
{
    public bool IsTenantAdmin => Role is MemberRole.TenantAdmin or MemberRole.PlatformAdmin;

    public static PortalUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId)
            || !Guid.TryParse(principal.FindFirstValue(PortalClaims.TenantId), out var tenantId)
            || !Enum.TryParse<MemberRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new PortalUser(
            memberId,
            principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            tenantId,
            principal.FindFirstValue(PortalClaims.TenantName) ?? string.Empty,
            role);
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
}
