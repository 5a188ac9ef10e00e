using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Writes canonical turns as Anthropic <c>messages</c>. Tool results go in user turns, and consecutive turns of the
/// same Anthropic role are merged (tool results followed by user text make one user turn), so roles alternate.
/// </summary>
internal static class AnthropicMessagesWriter
{
    public static void Write(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        ChatRole? open = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!HasBlocks(message))
            {
                continue; // Anthropic rejects empty turns and empty text blocks.
            }

            var role = RoleOf(message);
            if (role != open)
            {
                if (open is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role", role == ChatRole.Assistant ? "assistant" : "user");
                if (IsPlainText(message) && NextRole(messages, i + 1) != role)
                {
                    // A turn of one text: Anthropic's short form.
                    writer.WriteString("content", message.Content[0].Text);
                    writer.WriteEndObject();
                    open = null;
                    continue;
                }

                writer.WriteStartArray("content");
                open = role;
            }

            WriteBlocks(writer, message);
        }

        if (open is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteText(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    private static ChatRole RoleOf(ChatMessage message) => message.Role == ChatRole.Assistant ? ChatRole.Assistant : ChatRole.User;

    private static ChatRole? NextRole(List<ChatMessage> messages, int from)
    {
        for (var i = from; i < messages.Count; i++)
        {
            if (HasBlocks(messages[i]))
            {
                return RoleOf(messages[i]);
            }
        }

        return null;
    }

    private static bool HasBlocks(ChatMessage message) =>
        message.Role == ChatRole.Tool || message.ToolCalls.Count > 0 || message.Content.Exists(p => p.Kind != ContentPartKind.Text || !string.IsNullOrEmpty(p.Text));

    private static bool IsPlainText(ChatMessage message) =>
        message.Role != ChatRole.Tool && message.ToolCalls.Count == 0 && message.Content is [{ Kind: ContentPartKind.Text }];

    private static void WriteBlocks(Utf8JsonWriter writer, ChatMessage message)
    {
        if (message.Role == ChatRole.Tool)
        {
            WriteToolResult(writer, message);
            return;
        }

        // Text and media first (for an assistant: its text, then its tool calls).
        WriteParts(writer, message.Content);
        foreach (var call in message.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_use");
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("input");
            WriteArguments(writer, call.Arguments);
            writer.WriteEndObject();
        }
    }

    private static void WriteParts(Utf8JsonWriter writer, List<ContentPart> parts)
    {
        foreach (var part in parts)
        {
            if (part.Kind == ContentPartKind.Text)
            {
                if (!string.IsNullOrEmpty(part.Text))
                {
                    WriteText(writer, part.Text);
                }

                continue;
            }

            var document = part.Kind == ContentPartKind.Document;
            writer.WriteStartObject();
            writer.WriteString("type", document ? "document" : "image");
            writer.WriteStartObject("source");
            if (part.Url is { } url)
            {
                writer.WriteString("type", "url");
                writer.WriteString("url", url);
            }
            else
            {
                writer.WriteString("type", "base64");
                writer.WriteString("media_type", part.MediaType ?? (document ? "application/pdf" : "image/png"));
                writer.WriteString("data", part.Data);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteToolResult(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "tool_result");
        writer.WriteString("tool_use_id", message.ToolCallId);
        if (message.Content.TrueForAll(p => p.Kind == ContentPartKind.Text))
        {
            var text = message.Text;
            if (text.Length > 0)
            {
                writer.WriteString("content", text);
            }
        }
        else
        {
            writer.WriteStartArray("content");
            WriteParts(writer, message.Content);
            writer.WriteEndArray();
        }

        if (message.IsError)
        {
            writer.WriteBoolean("is_error", true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a call's JSON arguments as the <c>input</c> object; <c>{}</c> when empty or not a JSON object.</summary>
    private static void WriteArguments(Utf8JsonWriter writer, string arguments)
    {
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            try
            {
                using var document = JsonDocument.Parse(arguments);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }
            }
            catch (JsonException)
            {
                // Models sometimes produce broken arguments; Anthropic needs an object.
            }
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
