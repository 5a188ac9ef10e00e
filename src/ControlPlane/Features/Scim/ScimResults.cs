using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>SCIM answers: resources and errors as <c>application/scim+json</c>.</summary>
public static class ScimResults
{
    public const string ContentType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static JsonHttpResult<JsonObject> Resource(JsonObject resource, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(resource, Options, ContentType, status);

    /// <summary>The error body of RFC 7644 §3.12; <c>status</c> is a string there.</summary>
    public static JsonObject ErrorBody(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        body["detail"] = detail;
        return body;
    }

    public static JsonHttpResult<JsonObject> Error(int status, string? scimType, string detail) =>
        TypedResults.Json(ErrorBody(status, scimType, detail), Options, ContentType, status);

    public static JsonHttpResult<JsonObject> List(IEnumerable<JsonObject> resources, int totalResults, int startIndex)
    {
        var items = new JsonArray([.. resources]);
        return Resource(new JsonObject
        {
            ["schemas"] = new JsonArray(ListResponseSchema),
            ["totalResults"] = totalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = items.Count,
            ["Resources"] = items,
        });
    }
}
