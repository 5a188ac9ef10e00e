using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// PUT /api/tenants/{tenantId}/sso (tenant admins): creates or replaces the tenant's single sign-on. The client secret is
/// sealed before it is stored; omitting it keeps the stored one. Each allowed domain may belong to one tenant only, and
/// mapped teams must be the tenant's. The issuer must pass the egress policy as far as can be told without resolving it
/// (an address literal or localhost must be allowed); the control plane's calls to the provider are checked again on the
/// address actually connected to.
/// </summary>
public static class PutSsoConfig
{
    public static async Task<Results<Ok<SsoConfigDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, SsoConfigRequest request, HttpRequest http, ControlPlaneDbContext db, SsoSecretProtector protector,
        IOptions<EgressOptions> egress, TimeProvider time, CancellationToken cancellationToken)
    {
        var sso = await db.TenantSso.FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        var errors = new ValidationErrors();
        var config = SsoConfigValidator.Validate(request, sso is not null && sso.ClientSecretProtected.Length > 0, errors);
        if (config.Issuer.Length > 0
            && EgressPolicy.LiteralDenyReason(new Uri(config.Issuer), egress.Value.ToAllowList(), await PlatformEgressPolicy.LoadAllowListAsync(db, cancellationToken)) is { } denied)
        {
            errors.Add("issuer", $"The egress policy refuses the issuer: {denied}. A platform administrator can allow it (Egress:AllowedNetworks or the platform's egress allow-list).");
        }

        var teamIds = config.Mappings.Where(m => m.TeamId is not null).Select(m => m.TeamId!.Value).Distinct().ToList();
        var knownTeams = await db.Teams.AsNoTracking().Where(t => t.TenantId == tenantId && teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < config.Mappings.Count; i++)
        {
            if (config.Mappings[i].TeamId is { } teamId && !knownTeams.Contains(teamId))
            {
                errors.Add($"mappings[{i}].teamId", "The team does not exist in this tenant.");
            }
        }

        var claimed = await db.SsoDomains.AsNoTracking()
            .Where(d => config.Domains.Contains(d.Domain) && d.TenantId != tenantId).Select(d => d.Domain).ToListAsync(cancellationToken);
        foreach (var domain in claimed)
        {
            errors.Add($"allowedDomains[{IndexOf(request.AllowedDomains, domain)}]", $"The domain {domain} is already used for single sign-on by another organisation.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (sso is null)
        {
            sso = new TenantSso { TenantId = tenantId };
            db.TenantSso.Add(sso);
        }

        sso.Issuer = config.Issuer;
        sso.ClientId = config.ClientId;
        if (request.ClientSecret is not null)
        {
            sso.ClientSecretProtected = protector.Protect(request.ClientSecret);
        }

        sso.AllowedDomains = config.Domains;
        sso.Scopes = config.Scopes;
        sso.GroupsClaim = config.GroupsClaim;
        sso.DefaultRole = request.DefaultRole;
        sso.Mappings = config.Mappings;
        sso.SsoOnly = request.SsoOnly;
        sso.UpdatedAt = time.GetUtcNow();

        var existing = await db.SsoDomains.Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken);
        db.SsoDomains.RemoveRange(existing.Where(d => !config.Domains.Contains(d.Domain)));
        db.SsoDomains.AddRange(config.Domains.Where(d => existing.All(e => e.Domain != d)).Select(d => new SsoDomain { Domain = d, TenantId = tenantId }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new ValidationErrors().Add("allowedDomains", "One of the domains was just claimed for single sign-on by another organisation.").ToProblem();
        }

        return TypedResults.Ok(sso.ToDto(SsoRedirectUri.For(http, tenantId)));
    }

    private static int IndexOf(IReadOnlyList<string> values, string domain)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i]?.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return 0;
    }
}
