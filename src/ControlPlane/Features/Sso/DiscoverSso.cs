using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// GET /api/auth/sso/discover?email= (anonymous, throttled like sign-in): whether the email's domain signs in with a
/// tenant's single sign-on, and where to start it. Any other email — unknown domain, malformed, empty — gets the same
/// plain "no SSO" answer, which says nothing about tenants or members.
/// </summary>
public static class DiscoverSso
{
    public static async Task<Ok<SsoDiscoveryDto>> HandleAsync(string? email, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var none = TypedResults.Ok(new SsoDiscoveryDto(false));
        var at = email?.Trim().LastIndexOf('@') ?? -1;
        if (email is null || at <= 0 || email.Length > 320)
        {
            return none;
        }

        var domain = email.Trim()[(at + 1)..].ToLowerInvariant();
        if (!SsoConfigValidator.IsDomain(domain))
        {
            return none;
        }

        var match = await (from d in db.SsoDomains.AsNoTracking()
                           join s in db.TenantSso.IgnoreQueryFilters().AsNoTracking() on d.TenantId equals s.TenantId
                           where d.Domain == domain
                           select new { s.TenantId, s.SsoOnly }).FirstOrDefaultAsync(cancellationToken);
        return match is null ? none : TypedResults.Ok(new SsoDiscoveryDto(true, match.TenantId, match.SsoOnly, SsoDefaults.LoginPath(match.TenantId)));
    }
}
