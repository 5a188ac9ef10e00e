using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Issues an Identity bearer token for a member that has already been authenticated (e.g. by single sign-on).</summary>
public sealed class MemberBearerToken(SignInManager<Member> signInManager, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
{
    public async Task<LoginResponse> IssueAsync(Member member, string tenantName)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(member);
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        var current = new CurrentUserDto(member.Id, member.Email ?? "", member.TenantId, tenantName, member.Role);
        return new LoginResponse(options.BearerTokenProtector.Protect(ticket), properties.ExpiresUtc.Value, current);
    }
}
