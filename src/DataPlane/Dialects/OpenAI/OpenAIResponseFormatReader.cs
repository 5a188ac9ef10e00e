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
        var (name, description, schema, strict) = OpenAINamedSchemaReader.Read(ref reader, "schema");
        return new ResponseFormat(ResponseFormatKind.JsonSchema, name, schema, strict, description);
    }
}
