using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>DELETE /scim/v2/Users/{id}: removes the member; their personal keys are revoked and their sessions end at once.</summary>
public static class DeleteScimUser
{
    public static async Task<NoContent> HandleAsync(string id, ScimClient client, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await ScimUsers.FindAsync(db, client, id, cancellationToken);
        await ScimUsers.RemoveAsync(db, member, time, cancellationToken);
        return TypedResults.NoContent();
    }
}
