using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// PATCH /scim/v2/Users/{id}: a PatchOp in the shapes Entra ID (<c>{"op":"Replace","path":"active","value":"False"}</c>)
/// and Okta (<c>{"op":"replace","value":{"active":false}}</c>) send. <c>active</c> false deactivates the member at once
/// (personal keys revoked, sessions ended); true reactivates. Answers the updated user.
/// </summary>
public static class PatchScimUser
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        string id, HttpRequest request, ScimClient client, ControlPlaneDbContext db, UserManager<Member> userManager,
        IOptions<ScimOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await ScimUsers.FindAsync(db, client, id, cancellationToken);
        var operations = ScimPatchOperation.ParseAll(await ScimJson.ReadBodyAsync(request, cancellationToken));
        await ScimUsers.SaveAsync(member, ScimUserChanges.FromPatch(operations), isNew: false, options.Value.DefaultRole, userManager, db, time, cancellationToken);
        return ScimResults.Resource(await ScimUsers.ToResourceAsync(db, client, member, cancellationToken));
    }
}
