using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// PATCH /scim/v2/Groups/{id}: renames the team or adds and removes members, in the PatchOp shapes Entra ID and Okta
/// send. Answers 204 (RFC 7644 §3.5.2 allows it; both identity providers accept it).
/// </summary>
public static class PatchScimGroup
{
    public static async Task<NoContent> HandleAsync(
        string id, HttpRequest request, ScimClient client, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var team = await ScimGroups.FindAsync(db, client, id, cancellationToken);
        var operations = ScimPatchOperation.ParseAll(await ScimJson.ReadBodyAsync(request, cancellationToken));
        await ScimGroups.SaveAsync(team, ScimGroupChanges.FromPatch(operations), db, client, time, cancellationToken);
        return TypedResults.NoContent();
    }
}
