using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// What a tenant's group mappings grant a person carrying <c>groups</c> (the values of the configured group claim):
/// the tenant role of the first matching mapping that names one, and every matching mapping's team (team admin wins
/// when two mappings name the same team). <see cref="ManagedTeams"/> are the teams any mapping names: SSO adds and
/// removes memberships of those teams only, and leaves teams assigned by hand alone.
/// </summary>
public sealed record SsoMappings(MemberRole? Role, bool ManagesRole, IReadOnlyDictionary<Guid, TeamRole> Teams, IReadOnlySet<Guid> ManagedTeams)
{
    public static SsoMappings Resolve(IReadOnlyList<SsoMappingDto>? mappings, IReadOnlyCollection<string> groups)
    {
        mappings ??= [];
        var carried = new HashSet<string>(groups, StringComparer.Ordinal);
        MemberRole? role = null;
        var teams = new Dictionary<Guid, TeamRole>();
        foreach (var mapping in mappings.Where(m => carried.Contains(m.Value)))
        {
            role ??= mapping.Role;
            if (mapping.TeamId is { } teamId)
            {
                var teamRole = mapping.TeamRole ?? TeamRole.Member;
                teams[teamId] = teams.TryGetValue(teamId, out var existing) && existing == TeamRole.TeamAdmin ? TeamRole.TeamAdmin : teamRole;
            }
        }

        var managed = mappings.Where(m => m.TeamId is not null).Select(m => m.TeamId!.Value).ToHashSet();
        return new SsoMappings(role, mappings.Any(m => m.Role is not null), teams, managed);
    }
}
