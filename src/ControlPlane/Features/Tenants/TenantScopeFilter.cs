using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>
/// Confines every <c>/api/tenants/{tenantId}/…</c> request to its tenant: the request's <see cref="TenantScope"/> is
/// restricted to it, so the DbContext's query filters hide every other tenant's rows even from a platform admin's request.
/// Who may call the endpoint at all is decided before, by the group's tenant policy (<see cref="AdminPolicies"/>, which
/// answers 404 for a tenant the caller may not see); the visibility check here is only a backstop.
/// </summary>
internal sealed class TenantScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Caller.FromPrincipal(http.User) is not { } caller
            || !Guid.TryParse(http.GetRouteValue(TenantAccessRequirement.RouteValue) as string, out var tenantId)
            || !caller.CanSeeTenant(tenantId))
        {
            return Problems.NotFound("The tenant");
        }

        http.RequestServices.GetRequiredService<TenantScope>().Restrict(tenantId);
        return await next(context);
    }
}
