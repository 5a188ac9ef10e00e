using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Adds the member's tenant and role to the Identity principal (cookie and bearer token alike).</summary>
internal sealed class MemberClaimsPrincipalFactory(UserManager<Member> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SwitchyardClaims.TenantId, user.TenantId.ToString("D")));
        identity.AddClaim(new Claim(SwitchyardClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(SwitchyardClaims.Kind, SwitchyardClaims.MemberKind));
        return identity;
    }
}
