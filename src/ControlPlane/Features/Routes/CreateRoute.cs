using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// POST /api/tenants/{tenantId}/routes (tenant admins). Public model names are unique per tenant; the tenant's <c>routes</c> and
/// <c>deploymentsPerRoute</c> quotas apply (409). Fallbacks must name existing routes of the tenant (400). Bumps the revision.
/// </summary>
public static class CreateRoute
{
    public static async Task<Results<Created<RouteDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, RouteRequest request, ControlPlaneDbContext db, IOptions<EgressOptions> egress, TenantQuotas quotas, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = await RouteValidator.ValidateAsync(tenantId, null, request, db, egress.Value.ToAllowList(), cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (tenantQuotas.DeploymentsPerRoute.RefusesList(request.Deployments.Count, "deployments") is { } tooManyDeployments)
        {
            return tooManyDeployments;
        }

        var publicModel = request.PublicModel.Trim();
        if (await db.ModelRoutes.AnyAsync(r => r.TenantId == tenantId && r.PublicModel == publicModel, cancellationToken))
        {
            return Problems.Conflict($"A route for '{publicModel}' already exists in this tenant.");
        }

        if (await tenantQuotas.Routes.RefusesOneMoreAsync(QuotaUsage.Routes(db, tenantId), cancellationToken) is { } tooManyRoutes)
        {
            return tooManyRoutes;
        }

        var route = new ModelRoute
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            PublicModel = publicModel,
            Strategy = request.Strategy,
            DropUnsupportedParams = request.DropUnsupportedParams,
            CreatedAt = time.GetUtcNow(),
            Deployments = RouteValidator.ToDeployments(request.Deployments),
        };
        route.ApplyResilience(request);
        db.ModelRoutes.Add(route);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/routes/{route.Id}", route.ToDto());
    }
}
