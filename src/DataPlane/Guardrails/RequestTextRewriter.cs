using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// Visits every text a model would read in a request body and lets the guard replace it: OpenAI chat (message content as
/// a string or text parts, tool-call and function-call arguments, tool results), Anthropic messages (system, text blocks,
/// tool_use input values, tool_result content) and embeddings input. Images, audio and documents are not text and are
/// left as they are.
/// </summary>
public static class RequestTextRewriter
{
    // Placeholders (<EMAIL_1>) and non-ASCII text go out as written, not as \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public enum Shape
    {
        OpenAIChat,
        AnthropicMessages,
        Embeddings,
    }

    /// <summary>Calls <paramref name="visit"/> for each text; returns the rewritten body, or null when nothing changed.</summary>
    /// <exception cref="JsonException">The body is not JSON (the parse stage has already checked it).</exception>
    public static byte[]? Rewrite(ReadOnlySpan<byte> body, Shape shape, Func<string, string> visit)
    {
        var root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("The body is not a JSON object.");
        var changed = false;
        switch (shape)
        {
            case Shape.Embeddings:
                changed = VisitValue(root, "input", visit);
                break;
            case Shape.AnthropicMessages:
                changed = VisitContent(root, "system", visit);
                foreach (var message in Messages(root))
                {
                    changed |= VisitContent(message, "content", visit);
                }

                break;
            default:
                foreach (var message in Messages(root))
                {
                    changed |= VisitContent(message, "content", visit);
                    if (message["tool_calls"] is JsonArray calls)
                    {
                        foreach (var call in calls.OfType<JsonObject>())
                        {
                            changed |= call["function"] is JsonObject function && VisitString(function, "arguments", visit);
                        }
                    }

                    changed |= message["function_call"] is JsonObject legacy && VisitString(legacy, "arguments", visit);
                }

                break;
        }

        if (!changed)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            root.WriteTo(writer);
        }

        return output.WrittenSpan.ToArray();
    }

    private static IEnumerable<JsonObject> Messages(JsonObject root) =>
        root["messages"] is JsonArray messages ? messages.OfType<JsonObject>() : [];

    /// <summary>A content field: a string, or an array of blocks (text, tool_use input, tool_result content).</summary>
    private static bool VisitContent(JsonObject owner, string field, Func<string, string> visit)
    {
        if (owner[field] is not JsonArray blocks)
        {
            return VisitString(owner, field, visit);
        }

        var changed = false;
        foreach (var block in blocks.OfType<JsonObject>())
        {
            switch (block["type"]?.GetValueKind() == JsonValueKind.String ? block["type"]!.GetValue<string>() : null)
            {
                case "text" or "input_text":
                    changed |= VisitString(block, "text", visit);
                    break;
                case "tool_use" or "server_tool_use":
                    changed |= block["input"] is JsonNode input && VisitLeaves(input, visit);
                    break;
                case "tool_result":
                    changed |= VisitContent(block, "content", visit);
                    break;
            }
        }

        return changed;
    }

    /// <summary>A string or an array of strings (embeddings input).</summary>
    private static bool VisitValue(JsonObject owner, string field, Func<string, string> visit)
    {
        if (owner[field] is not JsonArray items)
        {
            return VisitString(owner, field, visit);
        }

        var changed = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                var text = value.GetValue<string>();
                var rewritten = visit(text);
                if (!ReferenceEquals(rewritten, text) && rewritten != text)
                {
                    items[i] = JsonValue.Create(rewritten);
                    changed = true;
                }
            }
        }

        return changed;
    }

    private static bool VisitString(JsonObject owner, string field, Func<string, string> visit)
    {
        if (owner[field] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetValue<string>();
        var rewritten = visit(text);
        if (ReferenceEquals(rewritten, text) || rewritten == text)
        {
            return false;
        }

        owner[field] = JsonValue.Create(rewritten);
        return true;
    }

    /// <summary>Every string value in a JSON tree (tool_use input), keys left as they are.</summary>
    private static bool VisitLeaves(JsonNode node, Func<string, string> visit)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        changed |= VisitString(obj, name, visit);
                    }
                    else if (obj[name] is { } child)
                    {
                        changed |= VisitLeaves(child, visit);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var text = v.GetValue<string>();
                        var rewritten = visit(text);
                        if (rewritten != text)
                        {
                            array[i] = JsonValue.Create(rewritten);
                            changed = true;
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        changed |= VisitLeaves(child, visit);
                    }
                }

                break;
        }

        return changed;
    }
}
