using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>
/// Guards every <c>/api/tenants/{tenantId}/…</c> endpoint: a caller who may not see the tenant (or a tenant that does not
/// exist) gets 404, never 403; otherwise the request's <see cref="TenantScope"/> is confined to that tenant, so the
/// DbContext's query filters hide every other tenant's rows even from a platform admin's request.
/// </summary>
internal sealed class TenantAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.FromPrincipal(http.User);
        if (caller is null
            || !Guid.TryParse(http.GetRouteValue("tenantId") as string, out var tenantId)
            || !caller.CanSeeTenant(tenantId))
        {
            return Problems.NotFound("The tenant");
        }

        var db = http.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        if (!await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId, http.RequestAborted))
        {
            return Problems.NotFound("The tenant");
        }

        http.RequestServices.GetRequiredService<TenantScope>().Restrict(tenantId);
        return await next(context);
    }
}
