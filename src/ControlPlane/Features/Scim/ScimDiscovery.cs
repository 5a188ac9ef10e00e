using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// GET /scim/v2/ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7643 §5–7): what this server supports —
/// PATCH, filters (users: <c>eq ne co sw ew pr</c> with <c>and</c>/<c>or</c>; groups: <c>eq</c> with <c>and</c>), bearer
/// tokens; no bulk, sorting, ETags or password changes.
/// </summary>
public static class ScimDiscovery
{
    private const string ServiceProviderConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonHttpResult<JsonObject> ServiceProviderConfig(ScimClient client, IOptions<ScimOptions> options) => ScimResults.Resource(new JsonObject
    {
        ["schemas"] = new JsonArray(ServiceProviderConfigSchema),
        ["documentationUri"] = "https://github.com/switchyard/switchyard#scim-provisioning",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = options.Value.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A tenant's SCIM token (sy-scim-…), created by a tenant admin on the portal's SCIM settings page.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = client.BaseUrl + "/ServiceProviderConfig" },
    });

    public static JsonHttpResult<JsonObject> ResourceTypes(ScimClient client) =>
        ScimResults.List([ResourceType(client, "User", "/Users", ScimUserChanges.UserSchema), ResourceType(client, "Group", "/Groups", ScimGroupResource.GroupSchema)], 2, 1);

    public static JsonHttpResult<JsonObject> Schemas(ScimClient client) =>
        ScimResults.List([UserSchema(client), GroupSchema(client)], 2, 1);

    private static JsonObject ResourceType(ScimClient client, string name, string endpoint, string schema) => new()
    {
        ["schemas"] = new JsonArray(ResourceTypeSchema),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["schema"] = schema,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{client.BaseUrl}/ResourceTypes/{name}" },
    };

    private static JsonObject UserSchema(ScimClient client) => Schema(client, ScimUserChanges.UserSchema, "User", "A member of the tenant",
        Attribute("userName", "string", required: true, uniqueness: "server"),
        Attribute("externalId", "string", caseExact: true),
        Attribute("name", "complex", subAttributes: [Attribute("givenName", "string"), Attribute("familyName", "string")]),
        Attribute("displayName", "string"),
        Attribute("active", "boolean"),
        Attribute("emails", "complex", multiValued: true, subAttributes: [Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")]),
        Attribute("roles", "complex", multiValued: true,
            subAttributes: [Attribute("value", "string", canonicalValues: ScimRoles.Precedence.Select(r => r.ToString())), Attribute("primary", "boolean")]),
        Attribute("groups", "complex", multiValued: true, mutability: "readOnly",
            subAttributes: [Attribute("value", "string", mutability: "readOnly"), Attribute("display", "string", mutability: "readOnly")]));

    private static JsonObject GroupSchema(ScimClient client) => Schema(client, ScimGroupResource.GroupSchema, "Group", "A team of the tenant",
        Attribute("displayName", "string", required: true, uniqueness: "server"),
        Attribute("externalId", "string", caseExact: true),
        Attribute("members", "complex", multiValued: true, subAttributes: [Attribute("value", "string"), Attribute("display", "string", mutability: "readOnly")]));

    private static JsonObject Schema(ScimClient client, string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(SchemaSchema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{client.BaseUrl}/Schemas/{id}" },
    };

    private static JsonObject Attribute(
        string name, string type, bool required = false, bool multiValued = false, bool caseExact = false, string mutability = "readWrite",
        string uniqueness = "none", JsonObject[]? subAttributes = null, IEnumerable<string>? canonicalValues = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["multiValued"] = multiValued,
            ["required"] = required,
            ["caseExact"] = caseExact,
            ["mutability"] = mutability,
            ["returned"] = "default",
            ["uniqueness"] = uniqueness,
        };
        if (canonicalValues is not null)
        {
            attribute["canonicalValues"] = new JsonArray([.. canonicalValues.Select(v => (JsonNode)v)]);
        }

        if (subAttributes is not null)
        {
            attribute["subAttributes"] = new JsonArray([.. subAttributes]);
        }

        return attribute;
    }
}
