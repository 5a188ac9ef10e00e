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
/// PUT /api/tenants/{tenantId}/routes/{routeId} (tenant admins): replaces name, strategy, options, resilience settings and
/// deployments; the tenant's <c>deploymentsPerRoute</c> quota applies (409), and a route another route names as a fallback
/// cannot be renamed (409 naming those routes). A deployment that still names the same upstream keeps its id (see
/// <see cref="DeploymentIdentity"/>), so the nodes keep its health.
/// </summary>
public static class UpdateRoute
{
    public static async Task<Results<Ok<RouteDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid routeId, RouteRequest request, ControlPlaneDbContext db, IOptions<EgressOptions> egress, TenantQuotas quotas, CancellationToken cancellationToken)
    {
        var found = await db.ModelRoutes.FindOwnedAsync(tenantId, routeId, "The route", cancellationToken);
        if (found.IsMissing)
        {
            return found.NotFound;
        }

        var errors = await RouteValidator.ValidateAsync(tenantId, routeId, request, db, egress.Value.ToAllowList(), cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (tenantQuotas.DeploymentsPerRoute.RefusesList(request.Deployments.Count, "deployments") is { } tooManyDeployments)
        {
            return tooManyDeployments;
        }

        var route = found.Row;
        var publicModel = request.PublicModel.Trim();
        if (await db.ModelRoutes.AnyAsync(r => r.TenantId == tenantId && r.PublicModel == publicModel && r.Id != routeId, cancellationToken))
        {
            return Problems.Conflict($"A route for '{publicModel}' already exists in this tenant.");
        }

        if (publicModel != route.PublicModel
            && await FallbackReferences.ProblemIfReferencedAsync(db, tenantId, route, "renamed", cancellationToken) is { } referenced)
        {
            return referenced;
        }

        route.PublicModel = publicModel;
        route.Strategy = request.Strategy;
        route.DropUnsupportedParams = request.DropUnsupportedParams;
        route.ApplyResilience(request);
        var deployments = RouteValidator.ToDeployments(request.Deployments);
        var removed = DeploymentIdentity.CarryOver(route.Deployments, deployments);
        var kept = route.Deployments.Except(removed).ToDictionary(d => d.Id);
        db.RouteDeployments.RemoveRange(removed);
        route.Deployments.RemoveAll(removed.Contains);
        foreach (var deployment in deployments)
        {
            deployment.RouteId = route.Id;
            if (kept.TryGetValue(deployment.Id, out var row))
            {
                // Same upstream: the row (and the nodes' health of it, keyed by its id) stays; everything else is replaced.
                db.Entry(row).CurrentValues.SetValues(deployment);
            }
            else
            {
                // Added explicitly (with their ids set EF would take them for existing rows); fix-up puts them in route.Deployments.
                db.RouteDeployments.Add(deployment);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(route.ToDto());
    }
}
