using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Teams;

public static class TeamsEndpoints
{
    /// <summary>
    /// /api/tenants/{tenantId}/teams: members read; tenant admins create and delete; tenant admins and the team's admins
    /// change the team (team admins only its rate limits, within the tenant's) and its members.
    /// </summary>
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListTeams.HandleAsync).WithName("ListTeams");
        members.MapGet("/{teamId:guid}/members", ListTeamMembers.HandleAsync).WithName("ListTeamMembers");

        var admins = tenant.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreateTeam.HandleAsync).WithName("CreateTeam");
        admins.MapDelete("/{teamId:guid}", DeleteTeam.HandleAsync).WithName("DeleteTeam");

        var teamAdmins = tenant.MapGroup("/teams/{teamId:guid}").WithTags("Teams").RequireAuthorization(AdminPolicies.TeamAdmin);
        teamAdmins.MapPatch("/", UpdateTeam.HandleAsync).WithName("UpdateTeam");
        teamAdmins.MapPut("/members/{memberId:guid}", SetTeamMember.HandleAsync).WithName("SetTeamMember");
        teamAdmins.MapDelete("/members/{memberId:guid}", RemoveTeamMember.HandleAsync).WithName("RemoveTeamMember");
        return tenant;
    }
}
