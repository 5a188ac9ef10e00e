using System.Text.Json;
using Json.Schema;

namespace Switchyard.Governance.Policies;

/// <summary>
/// What a <c>json_output</c> rule checks: that the answer parses as JSON and, when the request gave a
/// <c>json_schema</c>, that it is valid against that schema (JsonSchema.Net; each check builds the schema in its own
/// registry, and a <c>$ref</c> to a document outside the schema is never fetched). A schema the library cannot read is
/// not held against the answer (the provider judged it).
/// </summary>
public static class JsonOutputCheck
{
    /// <summary>Null when the answer is acceptable; else why not, without quoting it.</summary>
    public static string? Problem(string text, JsonElement? schema)
    {
        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return "the answer is not valid JSON";
        }

        using (answer)
        {
            if (schema is not { ValueKind: JsonValueKind.Object } given)
            {
                return null;
            }

            JsonSchema compiled;
            try
            {
                compiled = JsonSchema.Build(given, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            }
            catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                return null;
            }

            try
            {
                return compiled.Evaluate(answer.RootElement).IsValid ? null : "the answer does not match the requested JSON schema";
            }
            catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or InvalidOperationException or NotSupportedException)
            {
                return null;
            }
        }
    }
}
