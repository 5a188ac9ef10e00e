using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Writes <c>tools</c> (<c>{name, description, input_schema}</c>) and <c>tool_choice</c> (auto/any/tool/none, with
/// <c>disable_parallel_tool_use</c> when parallel calls are off), plus the forced tool emulating <c>json_schema</c>
/// (see <see cref="AnthropicRequestWriter"/>).
/// </summary>
internal static class AnthropicToolsWriter
{
    public static void Write(Utf8JsonWriter writer, ChatRequest request)
    {
        var jsonTool = AnthropicRequestWriter.JsonToolName(request);
        if (request.Tools.Count == 0 && jsonTool is null)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in request.Tools)
        {
            WriteTool(writer, tool.Name, tool.Description, tool.Parameters);
        }

        if (jsonTool is not null)
        {
            var format = request.ResponseFormat!;
            WriteTool(writer, jsonTool, format.Description ?? "Give your answer as this tool's input: a JSON object matching its schema.", format.Schema ?? default);
        }

        writer.WriteEndArray();

        var (type, name) = jsonTool is not null
            ? ("tool", jsonTool)
            : request.ToolChoice switch
            {
                null => ("auto", null),
                { Mode: ToolChoiceMode.None } => ("none", null),
                { Mode: ToolChoiceMode.Required } => ("any", null),
                { Mode: ToolChoiceMode.Named, Name: { Length: > 0 } named } => ("tool", named),
                { Mode: ToolChoiceMode.Named } => ("any", null),
                _ => ("auto", (string?)null),
            };
        var disableParallel = request.ParallelToolCalls == false && type != "none";
        if (request.ToolChoice is null && jsonTool is null && !disableParallel)
        {
            return; // Anthropic's default is auto.
        }

        writer.WriteStartObject("tool_choice");
        writer.WriteString("type", type);
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        if (disableParallel)
        {
            writer.WriteBoolean("disable_parallel_tool_use", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter writer, string name, string? description, JsonElement schema)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        if (!string.IsNullOrEmpty(description))
        {
            writer.WriteString("description", description);
        }

        writer.WritePropertyName("input_schema");
        if (schema.ValueKind == JsonValueKind.Object)
        {
            schema.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
