using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Starts a signed-in member's session once every sign-in step is done: an Identity bearer token, or with
/// <c>useCookies</c> the Identity cookie (the token in the answer is then empty). Shared by the password step, the TOTP
/// step, TOTP enrolment at sign-in and accepted invitations.
/// </summary>
public sealed class MemberSessions(
    SignInManager<Member> signInManager,
    ControlPlaneDbContext db,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    IOptionsMonitor<CookieAuthenticationOptions> cookieOptions,
    TimeProvider time)
{
    public async Task<LoginResponse> StartAsync(Member user, bool? useCookies, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FindAsync([user.TenantId], cancellationToken);
        var current = new CurrentUserDto(user.Id, user.Email ?? "", user.TenantId, tenant?.Name ?? "", user.Role);
        var now = time.GetUtcNow();
        if (useCookies == true)
        {
            await signInManager.SignInAsync(user, isPersistent: false);
            var cookie = cookieOptions.Get(IdentityConstants.ApplicationScheme);
            return new LoginResponse("", now + cookie.ExpireTimeSpan, current);
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        return new LoginResponse(options.BearerTokenProtector.Protect(ticket), properties.ExpiresUtc.Value, current);
    }
}
