using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>GET /scim/v2/Users/{id}: one of the tenant's users; 404 for any other id.</summary>
public static class GetScimUser
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(string id, ScimClient client, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var member = await ScimUsers.FindAsync(db, client, id, cancellationToken);
        return ScimResults.Resource(await ScimUsers.ToResourceAsync(db, client, member, cancellationToken));
    }
}
