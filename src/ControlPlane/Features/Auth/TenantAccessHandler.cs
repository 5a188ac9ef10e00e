using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Decides <see cref="TenantAccessRequirement"/> from the route value and one existence query.</summary>
internal sealed class TenantAccessHandler : AuthorizationHandler<TenantAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http
            || Caller.FromPrincipal(context.User) is not { } caller
            || !Guid.TryParse(http.GetRouteValue(TenantAccessRequirement.RouteValue) as string, out var tenantId)
            || !caller.CanSeeTenant(tenantId))
        {
            return;
        }

        var db = http.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        if (await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId, http.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}
