using System.Text.Json.Nodes;
using Switchyard.ControlPlane.Features.Teams;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>A team as a SCIM Group resource (RFC 7643 §4.2).</summary>
public static class ScimGroupResource
{
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <param name="members">The team's members (id, email); null to leave <c>members</c> out (<c>excludedAttributes=members</c>).</param>
    public static JsonObject From(Team team, IEnumerable<(Guid Id, string Email)>? members, ScimClient client)
    {
        var group = new JsonObject
        {
            ["schemas"] = new JsonArray(GroupSchema),
            ["id"] = team.Id.ToString("D"),
        };
        if (team.ExternalId is not null)
        {
            group["externalId"] = team.ExternalId;
        }

        group["displayName"] = team.Name;
        if (members is not null)
        {
            group["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.Id.ToString("D"),
                ["display"] = m.Email,
                ["$ref"] = client.UserLocation(m.Id),
            })]);
        }

        group["meta"] = new JsonObject
        {
            ["resourceType"] = "Group",
            ["created"] = team.CreatedAt.UtcDateTime.ToString("O"),
            ["lastModified"] = team.CreatedAt.UtcDateTime.ToString("O"),
            ["location"] = client.GroupLocation(team.Id),
        };
        return group;
    }
}
