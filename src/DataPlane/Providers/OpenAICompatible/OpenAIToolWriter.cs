using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>Writes <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c> and <c>response_format</c>.</summary>
internal static class OpenAIToolWriter
{
    public static void WriteTools(Utf8JsonWriter writer, ChatRequest request, OpenAIFlavor flavor)
    {
        // OpenAI rejects tool_choice and parallel_tool_calls without tools.
        if (request.Tools.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var tool in request.Tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is { } description)
            {
                writer.WriteString("description"u8, description);
            }

            writer.WritePropertyName("parameters"u8);
            tool.Parameters.WriteTo(writer);
            if (tool.Strict is { } strict)
            {
                writer.WriteBoolean("strict"u8, strict);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        switch (request.ToolChoice)
        {
            case { Mode: ToolChoiceMode.Named, Name: { } name }:
                writer.WriteStartObject("tool_choice"u8);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, name);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case { Mode: ToolChoiceMode.Required }:
                writer.WriteString("tool_choice"u8, flavor.RequiredToolChoice);
                break;
            case { Mode: ToolChoiceMode.None }:
                writer.WriteString("tool_choice"u8, "none"u8);
                break;
            case { Mode: ToolChoiceMode.Auto }:
                writer.WriteString("tool_choice"u8, "auto"u8);
                break;
        }

        if (request.ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, parallel);
        }
    }

    public static void WriteResponseFormat(Utf8JsonWriter writer, ResponseFormat? format)
    {
        if (format is null)
        {
            return;
        }

        writer.WriteStartObject("response_format"u8);
        switch (format.Kind)
        {
            case ResponseFormatKind.JsonSchema:
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WriteStartObject("json_schema"u8);
                writer.WriteString("name"u8, format.Name ?? "response");
                if (format.Description is { } description)
                {
                    writer.WriteString("description"u8, description);
                }

                if (format.Schema is { } schema)
                {
                    writer.WritePropertyName("schema"u8);
                    schema.WriteTo(writer);
                }

                if (format.Strict is { } strict)
                {
                    writer.WriteBoolean("strict"u8, strict);
                }

                writer.WriteEndObject();
                break;
            case ResponseFormatKind.JsonObject:
                writer.WriteString("type"u8, "json_object"u8);
                break;
            default:
                writer.WriteString("type"u8, "text"u8);
                break;
        }

        writer.WriteEndObject();
    }
}
