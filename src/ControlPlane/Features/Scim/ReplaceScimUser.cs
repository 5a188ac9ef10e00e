using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// PUT /scim/v2/Users/{id}: replaces the user's userName, email, externalId and (when given) active, as Okta sends
/// updates. <c>active: false</c> deactivates: personal keys revoked and sessions ended at once.
/// </summary>
public static class ReplaceScimUser
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        string id, HttpRequest request, ScimClient client, ControlPlaneDbContext db, UserManager<Member> userManager,
        IOptions<ScimOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await ScimUsers.FindAsync(db, client, id, cancellationToken);
        var changes = ScimUserChanges.FromResource(await ScimJson.ReadBodyAsync(request, cancellationToken));
        await ScimUsers.SaveAsync(member, changes, isNew: false, options.Value.DefaultRole, userManager, db, time, cancellationToken);
        return ScimResults.Resource(await ScimUsers.ToResourceAsync(db, client, member, cancellationToken));
    }
}
