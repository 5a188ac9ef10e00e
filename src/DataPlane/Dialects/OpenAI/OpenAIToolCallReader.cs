using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Reads an assistant turn's <c>tool_calls</c>: <c>[{id, type:"function", function:{name, arguments}}]</c>.</summary>
internal static class OpenAIToolCallReader
{
    public static List<ToolCall>? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonValues.ExpectArray(ref reader);
        var calls = new List<ToolCall>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                calls.Add(ReadCall(ref reader));
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix($"[{calls.Count}]");
            }
        }

        return calls;
    }

    private static ToolCall ReadCall(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? id = null, name = null, arguments = null;
        var hasFunction = false;
        while (JsonValues.NextProperty(ref reader))
        {
            var property = reader.ValueTextEquals("id"u8) ? "id"
                : reader.ValueTextEquals("type"u8) ? "type"
                : reader.ValueTextEquals("function"u8) ? "function"
                : null;
            JsonValues.Value(ref reader);
            try
            {
                switch (property)
                {
                    case "id":
                        id = JsonValues.String(ref reader);
                        break;
                    case "type":
                        OpenAIToolReader.ExpectFunctionType(ref reader);
                        break;
                    case "function":
                        hasFunction = true;
                        (name, arguments) = ReadFunction(ref reader);
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

        if (id is null)
        {
            throw OpenAIRequestException.Missing("id");
        }

        if (!hasFunction)
        {
            throw OpenAIRequestException.Missing("function");
        }

        var args = arguments ?? throw OpenAIRequestException.Missing("function.arguments");
        return new ToolCall(id, name ?? throw OpenAIRequestException.Missing("function.name"), string.IsNullOrWhiteSpace(args) ? "{}" : args);
    }

    private static (string? Name, string? Arguments) ReadFunction(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? name = null, arguments = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isArguments = !isName && reader.ValueTextEquals("arguments"u8);
            JsonValues.Value(ref reader);
            try
            {
                if (isName)
                {
                    name = JsonValues.String(ref reader);
                }
                else if (isArguments)
                {
                    arguments = JsonValues.String(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(isName ? "name" : "arguments");
            }
        }

        return (name, arguments);
    }
}
