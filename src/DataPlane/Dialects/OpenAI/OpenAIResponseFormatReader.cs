using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Reads <c>response_format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> with its schema.</summary>
internal static class OpenAIResponseFormatReader
{
    private static readonly ResponseFormat Text = new(ResponseFormatKind.Text);
    private static readonly ResponseFormat JsonObject = new(ResponseFormatKind.JsonObject);

    public static ResponseFormat? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonValues.ExpectObject(ref reader);
        string? type = null;
        ResponseFormat? schema = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isSchema = !isType && reader.ValueTextEquals("json_schema"u8);
            JsonValues.Value(ref reader);
            try
            {
                if (isType)
                {
                    type = JsonValues.String(ref reader);
                }
                else if (isSchema)
                {
                    schema = ReadJsonSchema(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(isType ? "type" : "json_schema");
            }
        }

        return type switch
        {
            null => throw OpenAIRequestException.Missing("type"),
            "text" => Text,
            "json_object" => JsonObject,
            "json_schema" => schema ?? throw OpenAIRequestException.Missing("json_schema"),
            _ => throw OpenAIRequestException.Unsupported(type, "'text', 'json_object', and 'json_schema'", "type"),
        };
    }

    private static ResponseFormat ReadJsonSchema(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? name = null, description = null;
        JsonElement? schema = null;
        bool? strict = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var property = reader.ValueTextEquals("name"u8) ? "name"
                : reader.ValueTextEquals("description"u8) ? "description"
                : reader.ValueTextEquals("schema"u8) ? "schema"
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
                    case "schema" when reader.TokenType != JsonTokenType.Null:
                        JsonValues.ExpectObject(ref reader);
                        schema = JsonElement.ParseValue(ref reader);
                        break;
                    case "strict":
                        strict = JsonValues.OptionalBool(ref reader);
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

        return new ResponseFormat(ResponseFormatKind.JsonSchema, name ?? throw OpenAIRequestException.Missing("name"), schema, strict, description);
    }
}
