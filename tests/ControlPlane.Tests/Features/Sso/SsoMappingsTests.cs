using Switchyard.ControlPlane.Features.Sso;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

public sealed class SsoMappingsTests
{
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();

    private static readonly SsoMappingDto[] Mappings =
    [
        new("admins", MemberRole.TenantAdmin),
        new("engineers", MemberRole.Developer, TeamA, TeamRole.Member),
        new("leads", null, TeamA, TeamRole.TeamAdmin),
        new("finance", MemberRole.Finance, TeamB),
    ];

    [Fact]
    public void Resolve_SeveralGroupsMatch_FirstRoleWinsAndTeamAdminWinsForTheSameTeam()
    {
        var result = SsoMappings.Resolve(Mappings, ["engineers", "leads", "admins"]);

        Assert.Equal(MemberRole.TenantAdmin, result.Role);
        Assert.Equal(new Dictionary<Guid, TeamRole> { [TeamA] = TeamRole.TeamAdmin }, result.Teams);
    }

    [Fact]
    public void Resolve_NoGroupMatches_NoRoleNoTeamsButMappedTeamsAreManaged()
    {
        var result = SsoMappings.Resolve(Mappings, ["everyone"]);

        Assert.Null(result.Role);
        Assert.True(result.ManagesRole);
        Assert.Empty(result.Teams);
        Assert.Equal(new HashSet<Guid> { TeamA, TeamB }, result.ManagedTeams);
    }

    [Fact]
    public void Resolve_GroupValuesAreCaseSensitive_DifferentCaseDoesNotMatch()
    {
        Assert.Null(SsoMappings.Resolve(Mappings, ["Admins"]).Role);
    }

    [Fact]
    public void Resolve_MappingsWithoutRoles_DoNotManageTheRole()
    {
        Assert.False(SsoMappings.Resolve([new SsoMappingDto("leads", null, TeamA)], ["leads"]).ManagesRole);
    }
}
