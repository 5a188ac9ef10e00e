using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>PUT /scim/v2/Groups/{id}: replaces the team's name, externalId and members (exactly those given).</summary>
public static class ReplaceScimGroup
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        string id, HttpRequest request, ScimClient client, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var team = await ScimGroups.FindAsync(db, client, id, cancellationToken);
        var changes = ScimGroupChanges.FromResource(await ScimJson.ReadBodyAsync(request, cancellationToken));
        await ScimGroups.SaveAsync(team, changes, db, client, time, cancellationToken);
        return ScimResults.Resource(await ScimGroups.ToResourceAsync(db, client, team, cancellationToken));
    }
}
