using System.Text.Json;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Reads the object OpenAI uses both for a tool's <c>function</c> and for <c>response_format.json_schema</c>:
/// <c>{"name", "description", &lt;schema&gt;, "strict"}</c>, where the schema property is <c>parameters</c> or <c>schema</c>.
/// </summary>
internal static class OpenAINamedSchemaReader
{
    /// <summary>The object's fields; <c>name</c> is required and checked, the schema must be an object when given.</summary>
    public static (string Name, string? Description, JsonElement? Schema, bool? Strict) Read(ref Utf8JsonReader reader, string schemaProperty)
    {
        JsonValues.ExpectObject(ref reader);
        string? name = null, description = null;
        JsonElement? schema = null;
        bool? strict = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var property = reader.ValueTextEquals("name"u8) ? "name"
                : reader.ValueTextEquals("description"u8) ? "description"
                : reader.ValueTextEquals(schemaProperty) ? schemaProperty
                : reader.ValueTextEquals("strict"u8) ? "strict"
                : null;
            JsonValues.Value(ref reader);
            try
            {
                switch (property)
                {
                    case "name":
                        name = OpenAIToolReader.CheckName(JsonValues.String(ref reader));
                        break;
                    case "description":
                        description = JsonValues.OptionalString(ref reader);
                        break;
                    case "strict":
                        strict = JsonValues.OptionalBool(ref reader);
                        break;
                    case not null when property == schemaProperty && reader.TokenType != JsonTokenType.Null:
                        JsonValues.ExpectObject(ref reader);
                        schema = JsonElement.ParseValue(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(property!);
            }
        }

        return (name ?? throw OpenAIRequestException.Missing("name"), description, schema, strict);
    }
}
