using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Reads <c>tools</c> (function tools only).</summary>
internal static class OpenAIToolReader
{
    /// <summary>The schema used when a function declares no <c>parameters</c>.</summary>
    private static readonly JsonElement EmptyParameters = JsonElement.Parse("""{"type":"object","properties":{}}""");

    public static void ReadTools(ref Utf8JsonReader reader, List<ToolDefinition> tools)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonValues.ExpectArray(ref reader);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                tools.Add(ReadTool(ref reader));
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix($"[{tools.Count}]");
            }
        }
    }

    /// <summary>Accepts only <c>"function"</c> (custom and allowed-tools variants are not supported).</summary>
    public static void ExpectFunctionType(ref Utf8JsonReader reader)
    {
        var type = JsonValues.String(ref reader);
        if (type != "function")
        {
            throw OpenAIRequestException.Unsupported(type, "'function'");
        }
    }

    /// <summary>Checks a function or schema name against <c>^[a-zA-Z0-9_-]{1,64}$</c>.</summary>
    public static string CheckName(string name)
    {
        if (name.Length > 64)
        {
            throw OpenAIRequestException.Invalid($"string too long. Expected a string with maximum length 64, but got a string with length {name.Length} instead.");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                throw OpenAIRequestException.Invalid("string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.");
            }
        }

        return name.Length > 0 ? name
            : throw OpenAIRequestException.Invalid("string too short. Expected a string with minimum length 1, but got an empty string instead.");
    }

    private static ToolDefinition ReadTool(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        ToolDefinition? tool = null;
        var hasType = false;
        while (JsonValues.NextProperty(ref reader))
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isFunction = !isType && reader.ValueTextEquals("function"u8);
            JsonValues.Value(ref reader);
            try
            {
                if (isType)
                {
                    hasType = true;
                    ExpectFunctionType(ref reader);
                }
                else if (isFunction)
                {
                    tool = ReadFunction(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(isType ? "type" : "function");
            }
        }

        return !hasType ? throw OpenAIRequestException.Missing("type") : tool ?? throw OpenAIRequestException.Missing("function");
    }

    private static ToolDefinition ReadFunction(ref Utf8JsonReader reader)
    {
        var (name, description, parameters, strict) = OpenAINamedSchemaReader.Read(ref reader, "parameters");
        return new ToolDefinition(name, description, parameters ?? EmptyParameters) { Strict = strict };
    }
}
