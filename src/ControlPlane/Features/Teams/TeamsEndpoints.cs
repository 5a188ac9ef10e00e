using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Teams;

public static class TeamsEndpoints
{
    /// <summary>/api/tenants/{tenantId}/teams: members read, tenant admins write.</summary>
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListTeams.HandleAsync).WithName("ListTeams");

        var admins = tenant.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreateTeam.HandleAsync).WithName("CreateTeam");
        admins.MapPatch("/{teamId:guid}", UpdateTeam.HandleAsync).WithName("UpdateTeam");
        admins.MapDelete("/{teamId:guid}", DeleteTeam.HandleAsync).WithName("DeleteTeam");
        return tenant;
    }
}
