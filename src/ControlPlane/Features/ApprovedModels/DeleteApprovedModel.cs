using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>
/// DELETE /api/platform/approved-models/{id} (platform admins): routes already saved are left as they are. Deleted through
/// SaveChanges so its admin audit entry commits with it.
/// </summary>
public static class DeleteApprovedModel
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (await db.ApprovedModels.FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } model)
        {
            return Problems.NotFound("The approved model");
        }

        db.ApprovedModels.Remove(model);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
