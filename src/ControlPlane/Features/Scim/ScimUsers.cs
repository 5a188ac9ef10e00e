using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// The members SCIM sees and how SCIM changes them. A tenant's platform admins are not visible to SCIM (404), so an
/// identity provider can never deactivate or remove them. Deactivation and removal go through
/// <see cref="MemberLifecycle"/>: personal keys are revoked and sessions end at once, as through the admin API.
/// </summary>
internal static class ScimUsers
{
    public const int MaxLength = 256;

    /// <summary>The tenant's members that SCIM may see.</summary>
    public static IQueryable<Member> Visible(ControlPlaneDbContext db, ScimClient client) =>
        db.Users.Where(m => m.TenantId == client.TenantId && m.Role != MemberRole.PlatformAdmin);

    /// <summary>The member with this SCIM id, tracked; 404 when it is not one of the tenant's visible members.</summary>
    public static async Task<Member> FindAsync(ControlPlaneDbContext db, ScimClient client, string id, CancellationToken cancellationToken)
    {
        var member = Guid.TryParse(id, out var memberId)
            ? await Visible(db, client).FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            : null;
        return member ?? throw ScimException.NotFound("The user");
    }

    public static async Task<JsonObject> ToResourceAsync(ControlPlaneDbContext db, ScimClient client, Member member, CancellationToken cancellationToken)
    {
        var teams = await MemberTeams.ForTenantAsync(db, client.TenantId, member.Id, cancellationToken);
        return ScimUserResource.From(member, teams[member.Id], client);
    }

    /// <summary>
    /// Applies <paramref name="changes"/> to <paramref name="member"/> (new or tracked) and saves it through Identity, which
    /// validates the user name and email again. Taken user names, emails (across tenants, as for every member) and external
    /// ids (within the tenant) answer 409 <c>uniqueness</c>. Roles removed fall back to <paramref name="defaultRole"/>; the
    /// tenant's last active administrator keeps the role (409), as through the admin API.
    /// </summary>
    public static async Task SaveAsync(
        Member member, ScimUserChanges changes, bool isNew, MemberRole defaultRole, UserManager<Member> userManager, ControlPlaneDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (changes.UserName is { } userName)
        {
            if (userName.Length is 0 or > MaxLength)
            {
                throw ScimException.InvalidValue($"The userName attribute must be 1 to {MaxLength} characters.");
            }

            await EnsureUnusedAsync(db, userManager.NormalizeName(userName), member.Id, $"A user with the userName '{userName}' already exists.", cancellationToken);
            member.UserName = userName;
        }

        var email = changes.Email ?? (isNew && IsEmail(changes.UserName) ? changes.UserName : null);
        if (email is not null)
        {
            if (!IsEmail(email) || email.Length > MaxLength)
            {
                throw ScimException.InvalidValue($"'{email}' is not a valid email address.");
            }

            await EnsureUnusedAsync(db, userManager.NormalizeEmail(email), member.Id, $"A user with the email '{email}' already exists.", cancellationToken);
            member.Email = email;
        }
        else if (isNew)
        {
            throw ScimException.InvalidValue("A user needs an email address: give emails (primary or work), or a userName that is an email address.");
        }

        if (changes.ExternalIdGiven)
        {
            var externalId = string.IsNullOrEmpty(changes.ExternalId) ? null : changes.ExternalId;
            if (externalId is { Length: > MaxLength })
            {
                throw ScimException.InvalidValue($"The externalId attribute must be at most {MaxLength} characters.");
            }

            if (externalId is not null && await db.Users.IgnoreQueryFilters().AnyAsync(
                    m => m.TenantId == member.TenantId && m.ExternalId == externalId && m.Id != member.Id, cancellationToken))
            {
                throw ScimException.Uniqueness($"A user with the externalId '{externalId}' already exists.");
            }

            member.ExternalId = externalId;
        }

        ApplyNames(member, changes);
        var role = changes.RoleGiven ? changes.Role ?? defaultRole
            : changes.RemovedRoles.Contains(member.Role) ? defaultRole
            : member.Role;
        if (!isNew && role != member.Role && MemberAdmins.IsAdmin(member.Role) && !MemberAdmins.IsAdmin(role) && member.DeactivatedAt is null
            && !await MemberAdmins.AnyOtherAsync(db, member.TenantId, member.Id, cancellationToken))
        {
            throw new ScimException(StatusCodes.Status409Conflict, null,
                "This user is the tenant's last active administrator and keeps the TenantAdmin role; make another member an administrator first.");
        }

        member.Role = role;
        var now = time.GetUtcNow();
        if (isNew)
        {
            member.DeactivatedAt = changes.Active == false ? now : null;
            Check(await userManager.CreateAsync(member));
            return;
        }

        if (changes.Active == false && member.DeactivatedAt is null)
        {
            if (MemberAdmins.IsAdmin(member.Role) && !await MemberAdmins.AnyOtherAsync(db, member.TenantId, member.Id, cancellationToken))
            {
                throw new ScimException(StatusCodes.Status409Conflict, null,
                    "This user is the tenant's last active administrator and cannot be deactivated; make another member an administrator first.");
            }

            await MemberLifecycle.DeactivateAsync(db, member, now, cancellationToken);
        }
        else if (changes.Active == true)
        {
            MemberLifecycle.Reactivate(member);
        }

        Check(await userManager.UpdateAsync(member));
    }

    private static void ApplyNames(Member member, ScimUserChanges changes)
    {
        if (changes.GivenNameGiven)
        {
            member.GivenName = changes.GivenName;
        }

        if (changes.FamilyNameGiven)
        {
            member.FamilyName = changes.FamilyName;
        }

        if (changes.DisplayNameGiven)
        {
            member.DisplayName = changes.DisplayName;
        }
    }

    /// <summary>Removes the member (personal keys revoked, sessions ended); the tenant's last administrator stays (409).</summary>
    public static async Task RemoveAsync(ControlPlaneDbContext db, Member member, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MemberAdmins.IsAdmin(member.Role) && !await MemberAdmins.AnyOtherAsync(db, member.TenantId, member.Id, cancellationToken))
        {
            throw new ScimException(StatusCodes.Status409Conflict, null,
                "This user is the tenant's last active administrator and cannot be removed; make another member an administrator first.");
        }

        await MemberLifecycle.RemoveAsync(db, member, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool IsEmail(string? value) => value is not null && new EmailAddressAttribute().IsValid(value);

    /// <summary>User names and emails share one namespace: a sign-in name must not be someone else's email or user name.</summary>
    private static async Task EnsureUnusedAsync(ControlPlaneDbContext db, string normalized, Guid memberId, string detail, CancellationToken cancellationToken)
    {
        if (await db.Users.IgnoreQueryFilters().AnyAsync(
                m => m.Id != memberId && (m.NormalizedUserName == normalized || m.NormalizedEmail == normalized), cancellationToken))
        {
            throw ScimException.Uniqueness(detail);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var detail = string.Join(" ", result.Errors.Select(e => e.Description));
        if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            throw ScimException.Uniqueness(detail);
        }

        if (result.Errors.Any(e => e.Code == "ConcurrencyFailure"))
        {
            throw new ScimException(StatusCodes.Status409Conflict, null, detail);
        }

        throw ScimException.InvalidValue(detail);
    }
}
