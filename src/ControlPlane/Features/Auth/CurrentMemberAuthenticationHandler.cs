using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Authenticates admin API requests for the <see cref="AuthSchemes.Switchyard"/> policy scheme: runs the scheme
/// <see cref="AuthExtensions.SelectScheme"/> picks and, for a member, replaces the role and tenant claims that the cookie or
/// bearer token carries from sign-in with the member's current row (one primary-key lookup per request). A changed role
/// therefore applies on the member's next request rather than when the token expires, and a removed or deactivated member's
/// token or cookie fails authentication (401). Admin keys are looked up per request by their own handler and pass through as they are.
/// </summary>
internal sealed class CurrentMemberAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(AuthExtensions.SelectScheme(Context));
        var identity = result.Principal?.Identities.FirstOrDefault(i => i.HasClaim(SwitchyardClaims.Kind, SwitchyardClaims.MemberKind));
        if (!result.Succeeded || identity is null || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var memberId))
        {
            return result;
        }

        var db = Context.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        var current = await db.Users.AsNoTracking().IgnoreQueryFilters()
            .Where(m => m.Id == memberId)
            .Select(m => new { m.TenantId, m.Role, m.DeactivatedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (current is null)
        {
            return AuthenticateResult.Fail("The member no longer exists.");
        }

        if (current.DeactivatedAt is not null)
        {
            return AuthenticateResult.Fail("The member is deactivated.");
        }

        var refreshed = identity.Clone();
        foreach (var stale in refreshed.FindAll(c => c.Type is SwitchyardClaims.TenantId or SwitchyardClaims.Role).ToList())
        {
            refreshed.RemoveClaim(stale);
        }

        refreshed.AddClaim(new Claim(SwitchyardClaims.TenantId, current.TenantId.ToString("D")));
        refreshed.AddClaim(new Claim(SwitchyardClaims.Role, current.Role.ToString()));
        var principal = new ClaimsPrincipal(result.Principal!.Identities.Select(i => ReferenceEquals(i, identity) ? refreshed : i));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, result.Properties, Scheme.Name));
    }
}
