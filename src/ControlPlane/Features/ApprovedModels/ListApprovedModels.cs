using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>GET /api/platform/approved-models (anyone signed in: tenant admins need it to build routes).</summary>
public static class ListApprovedModels
{
    public static async Task<Ok<ApprovedModelDto[]>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var models = await db.ApprovedModels.AsNoTracking().OrderBy(m => m.ProviderKind).ThenBy(m => m.UpstreamModel).ToListAsync(cancellationToken);
        return TypedResults.Ok(models.Select(m => m.ToDto()).ToArray());
    }
}
