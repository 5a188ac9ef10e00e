using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>DELETE /api/platform/approved-models/{id} (platform admins): routes already saved are left as they are.</summary>
public static class DeleteApprovedModel
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.ApprovedModels.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("The approved model") : TypedResults.NoContent();
    }
}
