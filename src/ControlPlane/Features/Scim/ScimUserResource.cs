using System.Text.Json.Nodes;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A member as a SCIM User resource (RFC 7643 §4.1): its names, its tenant role as the one primary entry of <c>roles</c>,
/// and its teams as read-only <c>groups</c>.
/// </summary>
public static class ScimUserResource
{
    public static JsonObject From(Member member, IEnumerable<MemberTeamDto> teams, ScimClient client)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUserChanges.UserSchema),
            ["id"] = member.Id.ToString("D"),
        };
        if (member.ExternalId is not null)
        {
            user["externalId"] = member.ExternalId;
        }

        user["userName"] = member.UserName ?? member.Email ?? "";
        if (member.GivenName is not null || member.FamilyName is not null)
        {
            var name = new JsonObject();
            if (member.GivenName is not null)
            {
                name["givenName"] = member.GivenName;
            }

            if (member.FamilyName is not null)
            {
                name["familyName"] = member.FamilyName;
            }

            user["name"] = name;
        }

        if (member.DisplayName is not null)
        {
            user["displayName"] = member.DisplayName;
        }

        user["active"] = member.DeactivatedAt is null;
        if (member.Email is not null)
        {
            user["emails"] = new JsonArray(new JsonObject { ["value"] = member.Email, ["type"] = "work", ["primary"] = true });
        }

        user["roles"] = ScimRoles.ToResource(member.Role);
        user["groups"] = new JsonArray([.. teams.Select(t => (JsonNode)new JsonObject
        {
            ["value"] = t.TeamId.ToString("D"),
            ["display"] = t.TeamName,
            ["$ref"] = client.GroupLocation(t.TeamId),
        })]);
        user["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = member.CreatedAt.UtcDateTime.ToString("O"),
            ["lastModified"] = (member.DeactivatedAt ?? member.CreatedAt).UtcDateTime.ToString("O"),
            ["location"] = client.UserLocation(member.Id),
        };
        return user;
    }
}
