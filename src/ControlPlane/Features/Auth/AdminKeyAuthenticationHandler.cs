using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.AdminKeys;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Authenticates <c>Authorization: Bearer sk-sya-…</c> admin API keys by their hash.</summary>
internal sealed class AdminKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix + AdminKeyFormat.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = VirtualKeyHash.Compute(header.AsSpan(BearerPrefix.Length).Trim());
        var db = Context.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        var key = await db.AdminApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked admin key.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, key.Id.ToString("D")),
            new(ClaimTypes.Name, key.Name),
            new(SwitchyardClaims.Role, key.Role.ToString()),
            new(SwitchyardClaims.Kind, SwitchyardClaims.AdminKeyKind),
        ];
        if (key.TenantId is { } tenantId)
        {
            claims.Add(new Claim(SwitchyardClaims.TenantId, tenantId.ToString("D")));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
