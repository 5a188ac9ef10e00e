using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Teams as SCIM groups: a group's members are the team's members (added with the team role <c>member</c>; a team admin
/// keeps their role). Leaving a team revokes the member's personal keys in it, as through the admin API.
/// </summary>
internal static class ScimGroups
{
    public static IQueryable<Team> Visible(ControlPlaneDbContext db, ScimClient client) => db.Teams.Where(t => t.TenantId == client.TenantId);

    /// <summary>The team with this SCIM id, tracked; 404 when it is not one of the tenant's teams.</summary>
    public static async Task<Team> FindAsync(ControlPlaneDbContext db, ScimClient client, string id, CancellationToken cancellationToken)
    {
        var team = Guid.TryParse(id, out var teamId) ? await Visible(db, client).FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken) : null;
        return team ?? throw ScimException.NotFound("The group");
    }

    /// <summary>The members SCIM sees of these teams (platform admins left out), by team.</summary>
    public static async Task<ILookup<Guid, (Guid Id, string Email)>> MembersAsync(
        ControlPlaneDbContext db, ScimClient client, IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken)
    {
        var rows = await (
                from m in db.TeamMemberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.MemberId equals u.Id
                where m.TenantId == client.TenantId && teamIds.Contains(m.TeamId) && u.Role != MemberRole.PlatformAdmin
                select new { m.TeamId, u.Id, u.Email, u.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToLookup(r => r.TeamId, r => (r.Id, r.Email ?? ""));
    }

    public static async Task<JsonObject> ToResourceAsync(ControlPlaneDbContext db, ScimClient client, Team team, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(db, client, [team.Id], cancellationToken);
        return ScimGroupResource.From(team, members[team.Id], client);
    }

    /// <summary>
    /// Applies <paramref name="changes"/> to <paramref name="team"/> (added to the context by the caller when new) and saves.
    /// A displayName taken in any case (<see cref="TeamNames"/>) or a taken externalId answers 409 <c>uniqueness</c>; a member id that is not one of the tenant's users
    /// 400 <c>invalidValue</c>. Deactivated members are not added.
    /// </summary>
    public static async Task SaveAsync(
        Team team, ScimGroupChanges changes, ControlPlaneDbContext db, ScimClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        if (changes.DisplayName is { } name)
        {
            if (name.Length is 0 or > Team.NameMaxLength)
            {
                throw ScimException.InvalidValue($"The displayName attribute must be 1 to {Team.NameMaxLength} characters.");
            }

            if (name != team.Name && await TeamNames.TakenAsync(db, client.TenantId, name, team.Id, cancellationToken))
            {
                throw ScimException.Uniqueness($"A group with the displayName '{name}' already exists.");
            }

            team.Name = name;
        }

        if (changes.ExternalIdGiven)
        {
            var externalId = string.IsNullOrEmpty(changes.ExternalId) ? null : changes.ExternalId;
            if (externalId is { Length: > ScimUsers.MaxLength })
            {
                throw ScimException.InvalidValue($"The externalId attribute must be at most {ScimUsers.MaxLength} characters.");
            }

            if (externalId is not null && await Visible(db, client).AnyAsync(t => t.ExternalId == externalId && t.Id != team.Id, cancellationToken))
            {
                throw ScimException.Uniqueness($"A group with the externalId '{externalId}' already exists.");
            }

            team.ExternalId = externalId;
        }

        if (changes.MemberSteps.Count > 0)
        {
            await ApplyMemberStepsAsync(team, changes, db, client, time, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes every member from the team (their personal keys in it revoked); the caller saves.</summary>
    public static async Task RemoveAllMembersAsync(Team team, ControlPlaneDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var memberships = await db.TeamMemberships.Where(m => m.TeamId == team.Id).ToListAsync(cancellationToken);
        foreach (var membership in memberships)
        {
            db.TeamMemberships.Remove(membership);
            await PersonalKeys.RevokeAsync(db, team.TenantId, membership.MemberId, team.Id, now, cancellationToken);
        }
    }

    private static async Task ApplyMemberStepsAsync(
        Team team, ScimGroupChanges changes, ControlPlaneDbContext db, ScimClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = await db.TeamMemberships.Where(m => m.TeamId == team.Id).ToDictionaryAsync(m => m.MemberId, cancellationToken);
        var wanted = current.Keys.ToHashSet();
        var added = changes.MemberSteps.Where(s => s.Step != ScimMemberStep.Remove).SelectMany(s => s.Ids).Distinct().ToList();
        var known = added.Count == 0 ? [] : await ScimUsers.Visible(db, client).AsNoTracking()
            .Where(m => added.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.DeactivatedAt is null, cancellationToken);
        if (added.FirstOrDefault(id => !known.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
        {
            throw ScimException.InvalidValue($"'{unknown:D}' is not the id of a user of this tenant.");
        }

        foreach (var (step, ids) in changes.MemberSteps)
        {
            var active = ids.Where(id => step == ScimMemberStep.Remove || known[id] || current.ContainsKey(id));
            switch (step)
            {
                case ScimMemberStep.Add:
                    wanted.UnionWith(active);
                    break;
                case ScimMemberStep.Remove:
                    wanted.ExceptWith(ids);
                    break;
                case ScimMemberStep.Replace:
                    wanted = [.. active];
                    break;
            }
        }

        var now = time.GetUtcNow();
        foreach (var (memberId, membership) in current.Where(c => !wanted.Contains(c.Key)))
        {
            db.TeamMemberships.Remove(membership);
            await PersonalKeys.RevokeAsync(db, team.TenantId, memberId, team.Id, now, cancellationToken);
        }

        foreach (var memberId in wanted.Where(id => !current.ContainsKey(id)))
        {
            db.TeamMemberships.Add(new TeamMembership { TenantId = team.TenantId, TeamId = team.Id, MemberId = memberId, Role = TeamRole.Member, CreatedAt = now });
        }
    }
}
