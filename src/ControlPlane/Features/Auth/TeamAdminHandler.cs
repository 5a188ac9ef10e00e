using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Decides <see cref="TeamAdminRequirement"/> from the caller's role or one membership query.</summary>
internal sealed class TeamAdminHandler : AuthorizationHandler<TeamAdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TeamAdminRequirement requirement)
    {
        if (context.Resource is not HttpContext http || Caller.FromPrincipal(context.User) is not { } caller)
        {
            return;
        }

        if (caller.IsTenantAdmin)
        {
            context.Succeed(requirement);
            return;
        }

        if (caller.IsAdminKey
            || !Guid.TryParse(http.GetRouteValue(TenantAccessRequirement.RouteValue) as string, out var tenantId)
            || !Guid.TryParse(http.GetRouteValue(TeamAdminRequirement.RouteValue) as string, out var teamId))
        {
            return;
        }

        var db = http.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        if (await db.TeamMemberships.AsNoTracking().IgnoreQueryFilters().AnyAsync(
                m => m.TenantId == tenantId && m.TeamId == teamId && m.MemberId == caller.SubjectId && m.Role == TeamRole.TeamAdmin,
                http.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}
