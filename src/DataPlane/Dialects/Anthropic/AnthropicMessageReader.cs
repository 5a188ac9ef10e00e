using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// Reads <c>messages</c>: user/assistant turns of text, image, document, tool_use and tool_result blocks. A user turn's
/// tool results become separate <see cref="ChatRole.Tool"/> messages (first, in order), followed by the rest of the turn.
/// </summary>
internal sealed partial class AnthropicMessageReader(AnthropicRequestParser parser, List<ChatMessage> messages)
{
    private const string ExpectedTags = "'text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'";

    private Dictionary<string, string>? _toolNames;

    public bool Read(JsonElement value)
    {
        var count = value.GetArrayLength();
        var i = 0;
        foreach (var message in value.EnumerateArray())
        {
            if (!ReadMessage(message, i, i == count - 1))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    private bool ReadMessage(JsonElement message, int i, bool last)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return parser.Fail($"messages.{i}", "Input should be a valid dictionary");
        }

        if (!message.TryGetProperty("role", out var roleValue))
        {
            return parser.Fail($"messages.{i}.role", "Field required");
        }

        var isUser = roleValue.ValueKind == JsonValueKind.String && roleValue.ValueEquals("user"u8);
        if (!isUser && !(roleValue.ValueKind == JsonValueKind.String && roleValue.ValueEquals("assistant"u8)))
        {
            return parser.Fail($"messages.{i}.role", "Input should be 'user' or 'assistant'");
        }

        var role = isUser ? ChatRole.User : ChatRole.Assistant;
        if (!message.TryGetProperty("content", out var content))
        {
            return parser.Fail($"messages.{i}.content", "Field required");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            messages.Add(new ChatMessage { Role = role, Content = [ContentPart.FromText(content.GetString()!)] });
            return true;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return parser.Fail($"messages.{i}.content", "Input should be a valid string or a list of content blocks");
        }

        var before = messages.Count;
        var parts = new List<ContentPart>();
        var calls = new List<ToolCall>();
        var j = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (!ReadBlock(block, new BlockPath(i, j++), isUser, parts, calls))
            {
                return false;
            }
        }

        if (parts.Count > 0 || calls.Count > 0)
        {
            messages.Add(new ChatMessage { Role = role, Content = parts, ToolCalls = calls });
        }
        else if (j == 0 ? isUser || !last : isUser && messages.Count == before)
        {
            // An empty turn is only allowed as the final assistant message (a prefill); a user turn must say something.
            return parser.Fail($"messages.{i}", "all messages must have non-empty content except for the optional final assistant message");
        }

        return true;
    }

    private bool ReadBlock(JsonElement block, BlockPath path, bool isUser, List<ContentPart> parts, List<ToolCall> calls)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            return parser.Fail(path.ToString(), "Input should be a valid dictionary");
        }

        if (!Required(block, "type", path, "", out var type))
        {
            return false;
        }

        switch (type)
        {
            case "text":
            case "image":
            case "document":
                return ReadPart(block, type, path, "", parts);
            case "thinking":
            case "redacted_thinking":
                return true;
            case "tool_use":
                return isUser
                    ? parser.Fail($"{path}.type", "tool_use blocks are only allowed in assistant messages")
                    : ReadToolUse(block, path, calls);
            case "tool_result":
                return isUser
                    ? ReadToolResult(block, path)
                    : parser.Fail($"{path}.type", "tool_result blocks are only allowed in user messages");
            default:
                return parser.Fail($"{path}.type", $"Input tag '{type}' found using 'type' does not match any of the expected tags: {ExpectedTags}");
        }
    }

    /// <summary>A required string property; the path is only built when it is missing or of the wrong type.</summary>
    private bool Required(JsonElement obj, string name, BlockPath path, string inner, out string value)
    {
        if (obj.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = "";
        return parser.Fail($"{path}{inner}.{name}", element.ValueKind == JsonValueKind.Undefined ? "Field required" : "Input should be a valid string");
    }

    private readonly record struct BlockPath(int Message, int Block)
    {
        public override string ToString() => $"messages.{Message}.content.{Block}";
    }
}
