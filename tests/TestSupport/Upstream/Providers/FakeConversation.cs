using System.Text.Json.Nodes;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// What the fake needs from a chat request, whatever the provider format it arrived in: the last user text, the tool
/// result when the last turn carries one, and the offered tools.
/// </summary>
internal sealed class FakeConversation
{
    /// <summary>Text parts of the last user turn that has text, joined by a space ("" when none).</summary>
    public string LastUserText { get; set; } = "";

    /// <summary>The text of the tool result carried by the LAST turn; null when the last turn is no tool result.</summary>
    public string? ToolResult { get; set; }

    /// <summary>True when the last turn is a user turn (a tool result counts as a user turn too).</summary>
    public bool LastTurnIsUser { get; set; }

    /// <summary>Offered tools in request order: name and JSON Schema of the arguments (may be null).</summary>
    public List<(string Name, JsonNode? Schema)> Tools { get; } = [];

    /// <summary>The tool choice forbids calls (OpenAI "none", Anthropic {type:none}, Gemini mode NONE).</summary>
    public bool ToolsDisabled { get; set; }

    /// <summary>A tool the request forces by name (OpenAI/Anthropic/Bedrock named choice, Gemini allowedFunctionNames).</summary>
    public string? ForcedTool { get; set; }

    /// <summary>Concatenates the text of a content value that is a string or an array of parts with "text".</summary>
    public static string TextOf(JsonNode? content, string separator = " ")
    {
        return content switch
        {
            null => "",
            JsonValue value when value.TryGetValue(out string? text) => text,
            JsonArray parts => string.Join(separator, parts
                .Select(p => p?["text"] is JsonValue t && t.TryGetValue(out string? s) ? s : null)
                .Where(s => s is not null)),
            JsonObject obj => obj.ToJsonString(FakeHttp.JsonOptions),
            _ => content.ToJsonString(FakeHttp.JsonOptions),
        };
    }
}
