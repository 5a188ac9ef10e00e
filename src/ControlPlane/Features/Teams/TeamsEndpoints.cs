namespace Switchyard.ControlPlane.Features.Teams;

public static class TeamsEndpoints
{
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var teams = tenant.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", ListTeams.HandleAsync).WithName("ListTeams");
        teams.MapPost("/", CreateTeam.HandleAsync).WithName("CreateTeam");
        teams.MapPatch("/{teamId:guid}", UpdateTeam.HandleAsync).WithName("UpdateTeam");
        teams.MapDelete("/{teamId:guid}", DeleteTeam.HandleAsync).WithName("DeleteTeam");
        return tenant;
    }
}
