using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Converse <c>messages</c>: user/assistant turns of <c>text</c>, <c>image</c>, <c>document</c> and <c>toolUse</c>
/// blocks; tool turns become user <c>toolResult</c> blocks; consecutive turns of one role merge (Bedrock requires
/// alternation). Media must be inline bytes: Bedrock cannot fetch URLs.
/// </summary>
internal static class BedrockMessageWriter
{
    public static void WriteMessages(Utf8JsonWriter writer, ChatRequest request)
    {
        writer.WriteStartArray("messages");
        string? openRole = null;
        var documents = 0;
        foreach (var message in request.Messages)
        {
            if (!HasBlocks(message))
            {
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (role != openRole)
            {
                if (openRole is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteStartArray("content");
                openRole = role;
            }

            if (message.Role == ChatRole.Tool)
            {
                WriteToolResult(writer, message);
                continue;
            }

            foreach (var part in message.Content)
            {
                WritePart(writer, part, ref documents);
            }

            foreach (var call in message.ToolCalls)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("toolUse");
                writer.WriteString("toolUseId", call.Id);
                writer.WriteString("name", call.Name);
                writer.WritePropertyName("input");
                writer.WriteRawValue(string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        if (openRole is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static bool HasBlocks(ChatMessage message) =>
        message.Role == ChatRole.Tool
        || message.ToolCalls.Count > 0
        || message.Content.Exists(p => p.Kind != ContentPartKind.Text || !string.IsNullOrEmpty(p.Text));

    private static void WritePart(Utf8JsonWriter writer, ContentPart part, ref int documents)
    {
        switch (part.Kind)
        {
            case ContentPartKind.Text when !string.IsNullOrEmpty(part.Text):
                writer.WriteStartObject();
                writer.WriteString("text", part.Text);
                writer.WriteEndObject();
                break;
            case ContentPartKind.Image:
                writer.WriteStartObject();
                writer.WriteStartObject("image");
                writer.WriteString("format", BedrockContentRules.ImageFormat(part.MediaType));
                WriteBytesSource(writer, part.Data!);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case ContentPartKind.Document:
                writer.WriteStartObject();
                writer.WriteStartObject("document");
                writer.WriteString("format", BedrockContentRules.DocumentFormat(part.MediaType));
                writer.WriteString("name", $"document-{++documents}");
                WriteBytesSource(writer, part.Data!);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteBytesSource(Utf8JsonWriter writer, string base64)
    {
        writer.WriteStartObject("source");
        writer.WriteString("bytes", base64);
        writer.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("toolResult");
        writer.WriteString("toolUseId", message.ToolCallId);
        writer.WriteStartArray("content");
        var text = message.Text;
        var documents = 0;
        if (!TryWriteJsonObject(writer, text) && (text.Length > 0 || message.Content.TrueForAll(p => p.Kind == ContentPartKind.Text)))
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        foreach (var part in message.Content)
        {
            if (part.Kind != ContentPartKind.Text)
            {
                WritePart(writer, part, ref documents);
            }
        }

        writer.WriteEndArray();
        writer.WriteString("status", message.IsError ? "error" : "success");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"json": ...}</c> when the tool's text is a JSON object.</summary>
    private static bool TryWriteJsonObject(Utf8JsonWriter writer, string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[^1] != '}')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            writer.WriteStartObject();
            writer.WritePropertyName("json");
            document.RootElement.WriteTo(writer);
            writer.WriteEndObject();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
