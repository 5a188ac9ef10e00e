using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// Turns a person the tenant's identity provider vouched for into a member of that tenant: found by the provider's
/// subject, else by email within the tenant (then linked to the subject), else created just in time (<see cref="MemberSource.Sso"/>,
/// no password). The tenant's group mappings are applied on every sign-in. Refused (<see cref="SsoRefusedException"/>):
/// an email outside the allowed domains or marked unverified, an email of another tenant's member, a member linked to a
/// different subject, a deactivated member, a full member quota.
/// </summary>
public sealed class SsoSignIn(ControlPlaneDbContext db, UserManager<Member> users, TenantQuotas quotas, TimeProvider time)
{
    public async Task<Member> SignInAsync(TenantSso sso, SsoIdentity identity, CancellationToken cancellationToken)
    {
        var email = identity.Email?.Trim() ?? "";
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
        {
            throw new SsoRefusedException("Your identity provider did not send an email address; ask your administrator to release the email claim to Switchyard.");
        }

        var domain = email[(at + 1)..].ToLowerInvariant();
        if (!sso.AllowedDomains.Contains(domain, StringComparer.Ordinal))
        {
            throw new SsoRefusedException($"Email addresses at {domain} may not sign in to this organisation with single sign-on.");
        }

        if (identity.EmailVerified == false)
        {
            throw new SsoRefusedException("Your identity provider says this email address is not verified.");
        }

        var tenantId = sso.TenantId;
        var member = await db.Users.IgnoreQueryFilters()
            .FirstOrDefaultAsync(m => m.TenantId == tenantId && m.ExternalId == identity.Subject, cancellationToken);
        if (member is null)
        {
            var normalized = users.NormalizeEmail(email);
            member = await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.NormalizedEmail == normalized || m.NormalizedUserName == normalized, cancellationToken);
            if (member is not null && member.TenantId != tenantId)
            {
                throw new SsoRefusedException("This email address belongs to an account of another organisation.");
            }

            if (member is not null && member.ExternalId is not null)
            {
                throw new SsoRefusedException("This account is linked to a different identity at your identity provider; ask an administrator.");
            }
        }

        var mappings = SsoMappings.Resolve(sso.Mappings, identity.Groups);
        if (member is null)
        {
            member = await CreateAsync(sso, identity.Subject, email, mappings.Role ?? sso.DefaultRole, cancellationToken);
        }
        else
        {
            if (member.DeactivatedAt is not null)
            {
                throw new SsoRefusedException("This account is deactivated; ask an administrator of your organisation.");
            }

            member.ExternalId ??= identity.Subject;
            if (mappings.ManagesRole && member.Role != MemberRole.PlatformAdmin)
            {
                member.Role = mappings.Role ?? sso.DefaultRole;
            }
        }

        await ApplyTeamsAsync(member, mappings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    private async Task<Member> CreateAsync(TenantSso sso, string subject, string email, MemberRole role, CancellationToken cancellationToken)
    {
        var tenantQuotas = await quotas.ForTenantAsync(db, sso.TenantId, cancellationToken);
        if (await tenantQuotas.Members.RefusesOneMoreAsync(QuotaUsage.Members(db, sso.TenantId), cancellationToken) is not null)
        {
            throw new SsoRefusedException("Your organisation has reached its member limit in Switchyard; ask an administrator.");
        }

        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            TenantId = sso.TenantId,
            Email = email,
            UserName = email,
            EmailConfirmed = true,
            Role = role,
            Source = MemberSource.Sso,
            ExternalId = subject,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(member);
        if (!result.Succeeded)
        {
            throw new SsoRefusedException("Your account could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return member;
    }

    private async Task ApplyTeamsAsync(Member member, SsoMappings mappings, CancellationToken cancellationToken)
    {
        if (mappings.ManagedTeams.Count == 0)
        {
            return;
        }

        var managed = mappings.ManagedTeams.ToList();
        var current = await db.TeamMemberships.IgnoreQueryFilters()
            .Where(m => m.MemberId == member.Id && managed.Contains(m.TeamId)).ToListAsync(cancellationToken);
        db.TeamMemberships.RemoveRange(current.Where(m => !mappings.Teams.ContainsKey(m.TeamId)));
        var existingTeams = await db.Teams.IgnoreQueryFilters().Where(t => t.TenantId == member.TenantId && managed.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var (teamId, role) in mappings.Teams)
        {
            if (!existingTeams.Contains(teamId))
            {
                continue;
            }

            var membership = current.FirstOrDefault(m => m.TeamId == teamId);
            if (membership is null)
            {
                db.TeamMemberships.Add(new TeamMembership { TenantId = member.TenantId, TeamId = teamId, MemberId = member.Id, Role = role, CreatedAt = time.GetUtcNow() });
            }
            else
            {
                membership.Role = role;
            }
        }
    }
}
