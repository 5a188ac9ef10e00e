using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Reading <c>tools</c> and <c>tool_choice</c>.</summary>
internal sealed partial class AnthropicRequestParser
{
    private bool ReadTools(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return value.ValueKind == JsonValueKind.Null || Fail("tools", "Input should be a valid list");
        }

        var i = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var path = $"tools.{i++}";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                return Fail(path, "Input should be a valid dictionary");
            }

            if (tool.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && !type.ValueEquals("custom"u8))
            {
                return Fail(path + ".type", $"Server tool '{type.GetString()}' is not supported by this gateway; only custom tools (name, description, input_schema) are.");
            }

            if (!String(tool, "name", path, out var name))
            {
                return false;
            }

            if (!tool.TryGetProperty("input_schema", out var schema))
            {
                return Fail(path + ".input_schema", "Field required");
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                return Fail(path + ".input_schema", "Input should be a valid dictionary");
            }

            var description = tool.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            _request.Tools.Add(new ToolDefinition(name, description, schema.Clone()));
        }

        return true;
    }

    private bool ReadToolChoice(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return Fail("tool_choice", "Input should be a valid dictionary");
        }

        if (!String(value, "type", "tool_choice", out var type))
        {
            return false;
        }

        ToolChoice? choice = type switch
        {
            "auto" => ToolChoice.Auto,
            "any" => ToolChoice.Required,
            "none" => ToolChoice.None,
            "tool" => String(value, "name", "tool_choice", out var name) ? new ToolChoice(ToolChoiceMode.Named, name) : null,
            _ => null,
        };
        if (choice is null)
        {
            // Fail keeps the first problem, so a missing name for type "tool" is what gets reported.
            return Fail("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }

        _request.ToolChoice = choice;
        if (value.TryGetProperty("disable_parallel_tool_use", out var disable) && disable.ValueKind == JsonValueKind.True)
        {
            _request.ParallelToolCalls = false;
        }

        return true;
    }
}
