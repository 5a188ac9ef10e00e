using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Reading content blocks: text, image, document, tool_use and tool_result.</summary>
internal sealed partial class AnthropicMessageReader
{
    /// <summary>A text, image or document block (cache_control and citations are ignored).</summary>
    private bool ReadPart(JsonElement block, string type, BlockPath path, string inner, List<ContentPart> parts)
    {
        if (type == "text")
        {
            if (!Required(block, "text", path, inner, out var text))
            {
                return false;
            }

            parts.Add(ContentPart.FromText(text));
            return true;
        }

        var kind = type == "image" ? ContentPartKind.Image : ContentPartKind.Document;
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            return parser.Fail($"{path}{inner}.source", source.ValueKind == JsonValueKind.Undefined ? "Field required" : "Input should be a valid dictionary");
        }

        if (!Required(source, "type", path, inner + ".source", out var sourceType))
        {
            return false;
        }

        var at = inner + ".source";
        var part = sourceType switch
        {
            "base64" => Required(source, "media_type", path, at, out var mediaType) && Required(source, "data", path, at, out var data)
                ? new ContentPart { Kind = kind, MediaType = mediaType, Data = data }
                : null,
            "url" => Required(source, "url", path, at, out var url) ? new ContentPart { Kind = kind, Url = url } : null,
            "text" when kind == ContentPartKind.Document => Required(source, "data", path, at, out var plain) ? ContentPart.FromText(plain) : null,
            _ => null,
        };
        if (part is null)
        {
            return !parser.HasError && parser.Fail($"{path}{at}.type", kind == ContentPartKind.Image
                ? "Input should be 'base64' or 'url'"
                : "Input should be 'base64', 'url' or 'text'");
        }

        parts.Add(part);
        return true;
    }

    private bool ReadToolUse(JsonElement block, BlockPath path, List<ToolCall> calls)
    {
        if (!Required(block, "id", path, "", out var id) || !Required(block, "name", path, "", out var name))
        {
            return false;
        }

        if (!block.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return parser.Fail($"{path}.input", input.ValueKind == JsonValueKind.Undefined ? "Field required" : "Input should be a valid dictionary");
        }

        calls.Add(new ToolCall(id, name, input.GetRawText()));
        (_toolNames ??= new Dictionary<string, string>(StringComparer.Ordinal))[id] = name;
        return true;
    }

    private bool ReadToolResult(JsonElement block, BlockPath path)
    {
        if (!Required(block, "tool_use_id", path, "", out var id))
        {
            return false;
        }

        var parts = new List<ContentPart>();
        if (block.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                parts.Add(ContentPart.FromText(content.GetString()!));
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                var k = 0;
                foreach (var item in content.EnumerateArray())
                {
                    var inner = $".content.{k++}";
                    var type = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (type is not ("text" or "image" or "document"))
                    {
                        return parser.Fail($"{path}{inner}.type", "Input should be 'text', 'image' or 'document'");
                    }

                    if (!ReadPart(item, type, path, inner, parts))
                    {
                        return false;
                    }
                }
            }
            else if (content.ValueKind != JsonValueKind.Null)
            {
                return parser.Fail($"{path}.content", "Input should be a valid string or a list of content blocks");
            }
        }

        var isError = block.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True;
        messages.Add(new ChatMessage
        {
            Role = ChatRole.Tool,
            Content = parts,
            ToolCallId = id,
            ToolName = _toolNames?.GetValueOrDefault(id),
            IsError = isError,
        });
        return true;
    }
}
