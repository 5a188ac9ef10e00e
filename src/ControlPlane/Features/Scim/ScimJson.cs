using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>Reading SCIM request bodies: attribute names are case-insensitive, and identity providers differ in value shapes.</summary>
internal static class ScimJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The request body as a JSON object; 400 <c>invalidSyntax</c> when it is missing or not one.</summary>
    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, NodeOptions, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax("The request body is not valid JSON.");
        }

        return node as JsonObject ?? throw ScimException.InvalidSyntax("The request body must be a JSON object.");
    }

    /// <summary>The value of <paramref name="name"/>, matched case-insensitively (objects built elsewhere included).</summary>
    public static JsonNode? Get(JsonObject obj, string name)
    {
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static bool Has(JsonObject obj, string name) => obj.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A string attribute; 400 <c>invalidValue</c> naming it when the value is not a string.</summary>
    public static string? String(JsonNode? value, string attribute) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw ScimException.InvalidValue($"The {attribute} attribute must be a string."),
    };

    /// <summary>A boolean given as JSON <c>true</c>/<c>false</c> or as the text "True"/"False" (as Entra ID sends <c>active</c>).</summary>
    public static bool Bool(JsonNode? value, string attribute) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        JsonValue v when v.TryGetValue<string>(out var text) && bool.TryParse(text.Trim(), out var parsed) => parsed,
        _ => throw ScimException.InvalidValue($"The {attribute} attribute must be true or false."),
    };

    /// <summary>An attribute path without the core schema's URN prefix, e.g. <c>urn:…:core:2.0:User:userName</c> → <c>userName</c>.</summary>
    public static string WithoutCoreSchema(string path, string coreSchema) =>
        path.StartsWith(coreSchema + ":", StringComparison.OrdinalIgnoreCase) ? path[(coreSchema.Length + 1)..] : path;
}
