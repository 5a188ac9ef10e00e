using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>GET /scim/v2/Groups/{id}: one of the tenant's teams with its members; 404 for any other id.</summary>
public static class GetScimGroup
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        string id, [FromQuery] string? excludedAttributes, ScimClient client, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var team = await ScimGroups.FindAsync(db, client, id, cancellationToken);
        return ScimResults.Resource(ListScimGroups.ExcludesMembers(excludedAttributes)
            ? ScimGroupResource.From(team, null, client)
            : await ScimGroups.ToResourceAsync(db, client, team, cancellationToken));
    }
}
