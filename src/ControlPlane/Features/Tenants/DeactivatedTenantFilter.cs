using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>
/// Makes a deactivated tenant read-only on every <c>/api/tenants/{tenantId}/…</c> endpoint: reads (GET, HEAD, OPTIONS) pass;
/// any other method answers 403 ProblemDetails until a platform admin reactivates the tenant. Platform admins are exempt:
/// they reactivate it (<c>PATCH {"active":true}</c>) and may clean up while it stays deactivated — revoke its keys, delete a
/// leaked credential, change its quotas — without first putting its keys back in service.
/// </summary>
internal sealed class DeactivatedTenantFilter : IEndpointFilter
{
    public const string Detail =
        "The tenant is deactivated: it is read-only until a platform administrator reactivates it.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || Caller.FromPrincipal(http.User) is { IsPlatformAdmin: true }
            || !Guid.TryParse(http.GetRouteValue(TenantAccessRequirement.RouteValue) as string, out var tenantId))
        {
            return await next(context);
        }

        var db = http.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        var active = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => (bool?)t.Active).FirstOrDefaultAsync(http.RequestAborted);
        return active == false ? Problems.Forbidden(Detail) : await next(context);
    }
}
