using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>Writes the canonical system text and turns as an OpenAI <c>messages</c> array.</summary>
internal static class OpenAIMessageWriter
{
    public static void Write(Utf8JsonWriter writer, ChatRequest request, OpenAIFlavor flavor)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var system in request.System)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "system"u8);
            writer.WriteString("content"u8, system);
            writer.WriteEndObject();
        }

        foreach (var message in request.Messages)
        {
            writer.WriteStartObject();
            switch (message.Role)
            {
                case ChatRole.User:
                    writer.WriteString("role"u8, "user"u8);
                    WriteName(writer, message, flavor);
                    WriteUserContent(writer, message.Content);
                    break;
                case ChatRole.Assistant:
                    writer.WriteString("role"u8, "assistant"u8);
                    WriteName(writer, message, flavor);
                    WriteAssistant(writer, message, flavor);
                    break;
                default:
                    writer.WriteString("role"u8, "tool"u8);
                    writer.WriteString("tool_call_id"u8, MapId(message.ToolCallId ?? "", flavor));
                    writer.WriteString("content"u8, message.Text);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The first part no OpenAI-shaped upstream can take (a document given by http(s) URL), or null.</summary>
    public static string? FindUnsupportedPart(ChatRequest request)
    {
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var content = request.Messages[i].Content;
            for (var j = 0; j < content.Count; j++)
            {
                if (content[j] is { Kind: ContentPartKind.Document, Url: { } url } && IsHttp(url))
                {
                    return $"messages[{i}].content[{j}]";
                }
            }
        }

        return null;
    }

    private static void WriteName(Utf8JsonWriter writer, ChatMessage message, OpenAIFlavor flavor)
    {
        if (message.Name is { Length: > 0 } name && flavor.MessageNames)
        {
            writer.WriteString("name"u8, name);
        }
    }

    private static void WriteUserContent(Utf8JsonWriter writer, List<ContentPart> content)
    {
        if (content.Count == 0 || (content.Count == 1 && content[0].Kind == ContentPartKind.Text))
        {
            writer.WriteString("content"u8, content.Count == 0 ? "" : content[0].Text ?? "");
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var part in content)
        {
            writer.WriteStartObject();
            switch (part.Kind)
            {
                case ContentPartKind.Text:
                    writer.WriteString("type"u8, "text"u8);
                    writer.WriteString("text"u8, part.Text ?? "");
                    break;
                case ContentPartKind.Image:
                    writer.WriteString("type"u8, "image_url"u8);
                    writer.WriteStartObject("image_url"u8);
                    writer.WriteString("url"u8, part.ToUrl());
                    if (part.Detail is { } detail)
                    {
                        writer.WriteString("detail"u8, detail);
                    }

                    writer.WriteEndObject();
                    break;
                default:
                    WriteFile(writer, part);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFile(Utf8JsonWriter writer, ContentPart part)
    {
        writer.WriteString("type"u8, "file"u8);
        writer.WriteStartObject("file"u8);
        if (part.Url is { } fileId)
        {
            // A provider file reference (http(s) URLs are refused before writing).
            writer.WriteString("file_id"u8, fileId);
        }
        else
        {
            var pdf = part.MediaType is null || part.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);
            writer.WriteString("filename"u8, pdf ? "document.pdf" : "document");
            writer.WriteString("file_data"u8, part.ToUrl());
        }

        writer.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter writer, ChatMessage message, OpenAIFlavor flavor)
    {
        var text = message.Text;
        if (text.Length == 0 && message.ToolCalls.Count > 0)
        {
            writer.WriteNull("content"u8);
        }
        else
        {
            writer.WriteString("content"u8, text);
        }

        if (message.ToolCalls.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in message.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, MapId(call.Id, flavor));
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments.Length == 0 ? "{}" : call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string MapId(string id, OpenAIFlavor flavor) => flavor.ShortToolCallIds ? MistralToolCallIds.Map(id) : id;

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
