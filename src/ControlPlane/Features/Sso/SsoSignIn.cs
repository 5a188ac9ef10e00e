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
/// A member found by subject follows the provider's email address (<see cref="FollowEmailAsync"/>).
/// </summary>
public sealed partial class SsoSignIn(ControlPlaneDbContext db, UserManager<Member> users, TenantQuotas quotas, TimeProvider time, ILogger<SsoSignIn> logger)
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
        var foundBySubject = member is not null;
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
            if (foundBySubject)
            {
                await FollowEmailAsync(member, email, cancellationToken);
            }

            if (mappings.ManagesRole && member.Role != MemberRole.PlatformAdmin)
            {
                member.Role = mappings.Role ?? sso.DefaultRole;
            }
        }

        await ApplyTeamsAsync(member, mappings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    /// <summary>
    /// The identity provider is the source of truth for the address (it changes when a person is renamed or the organisation
    /// changes domains): a different address (already checked to be in an allowed domain and not marked unverified) becomes
    /// the member's email and, when the user name was the old address, the user name. When another member of any tenant
    /// already has that address, the member keeps the old one, the sign-in goes on and a warning is logged: the person
    /// is the one the subject names, and an address conflict is for an administrator to settle, not a reason to lock them out.
    /// </summary>
    private async Task FollowEmailAsync(Member member, string email, CancellationToken cancellationToken)
    {
        if (string.Equals(member.Email, email, StringComparison.Ordinal))
        {
            return;
        }

        var normalized = users.NormalizeEmail(email);
        var normalizedName = users.NormalizeName(email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(
                m => m.Id != member.Id && (m.NormalizedEmail == normalized || m.NormalizedUserName == normalizedName || m.NormalizedUserName == normalized),
                cancellationToken))
        {
            LogEmailConflict(logger, member.TenantId, member.Id);
            return;
        }

        if (member.UserName is null || string.Equals(member.UserName, member.Email, StringComparison.OrdinalIgnoreCase))
        {
            member.UserName = email;
            member.NormalizedUserName = normalizedName;
        }

        member.Email = email;
        member.NormalizedEmail = normalized;
        member.EmailConfirmed = true;
        LogEmailChanged(logger, member.TenantId, member.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SSO sign-in of member {MemberId} in tenant {TenantId}: email address updated from the identity provider")]
    private static partial void LogEmailChanged(ILogger logger, Guid tenantId, Guid memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in of member {MemberId} in tenant {TenantId}: the identity provider's new email address belongs to another member; the old address is kept")]
    private static partial void LogEmailConflict(ILogger logger, Guid tenantId, Guid memberId);

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
