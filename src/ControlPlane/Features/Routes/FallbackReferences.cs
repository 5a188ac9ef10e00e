using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Keeps fallbacks pointing at existing routes: a route that other routes of its tenant name as a fallback (of any kind) cannot
/// be deleted or renamed while they do.
/// </summary>
public static class FallbackReferences
{
    /// <summary>
    /// 409 naming the referencing routes (extension <c>referencedBy</c>: their public models), or null when none names
    /// <paramref name="route"/>.
    /// </summary>
    /// <param name="action">"deleted" or "renamed", for the message.</param>
    public static async Task<ProblemHttpResult?> ProblemIfReferencedAsync(
        ControlPlaneDbContext db, Guid tenantId, ModelRoute route, string action, CancellationToken cancellationToken)
    {
        // The lists are JSON text: read the tenant's lists (bounded by its routes quota) and match here.
        var others = await db.ModelRoutes.AsNoTracking().IgnoreAutoIncludes()
            .Where(r => r.TenantId == tenantId && r.Id != route.Id
                        && (r.Fallbacks != null || r.ContextWindowFallbacks != null || r.ContentPolicyFallbacks != null))
            .Select(r => new ModelRoute
            {
                PublicModel = r.PublicModel,
                Fallbacks = r.Fallbacks,
                ContextWindowFallbacks = r.ContextWindowFallbacks,
                ContentPolicyFallbacks = r.ContentPolicyFallbacks,
            })
            .ToListAsync(cancellationToken);
        var referencing = others
            .Where(r => r.AllFallbacks().Contains(route.PublicModel, StringComparer.Ordinal))
            .Select(r => r.PublicModel)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (referencing.Length == 0)
        {
            return null;
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = $"The route '{route.PublicModel}' cannot be {action}: it is a fallback of {string.Join(", ", referencing.Select(m => $"'{m}'"))}. "
                     + "Remove it from their fallbacks first.",
        };
        problem.Extensions["referencedBy"] = referencing;
        return TypedResults.Problem(problem);
    }
}
