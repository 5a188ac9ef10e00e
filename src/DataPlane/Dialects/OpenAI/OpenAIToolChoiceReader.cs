using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Reads <c>tool_choice</c>: <c>none</c>, <c>auto</c>, <c>required</c>, or <c>{type:"function",function:{name}}</c>.</summary>
internal static class OpenAIToolChoiceReader
{
    public static ToolChoice? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.ValueTextEquals("auto"u8):
                return ToolChoice.Auto;
            case JsonTokenType.String when reader.ValueTextEquals("none"u8):
                return ToolChoice.None;
            case JsonTokenType.String when reader.ValueTextEquals("required"u8):
                return ToolChoice.Required;
            case JsonTokenType.String:
                throw OpenAIRequestException.Unsupported(reader.GetString()!, "'none', 'auto', and 'required'");
            case JsonTokenType.StartObject:
                break;
            default:
                throw JsonValues.TypeError(ref reader, "one of a string or object");
        }

        string? name = null;
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
                    OpenAIToolReader.ExpectFunctionType(ref reader);
                }
                else if (isFunction)
                {
                    name = ReadFunctionName(ref reader);
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

        return !hasType ? throw OpenAIRequestException.Missing("type")
            : new ToolChoice(ToolChoiceMode.Named, name ?? throw OpenAIRequestException.Missing("function.name"));
    }

    private static string? ReadFunctionName(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? name = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var isName = reader.ValueTextEquals("name"u8);
            JsonValues.Value(ref reader);
            if (!isName)
            {
                reader.Skip();
                continue;
            }

            try
            {
                name = JsonValues.String(ref reader);
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix("name");
            }
        }

        return name;
    }
}
