using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Writes canonical turns as Gemini <c>contents</c>: user → <c>user</c>, assistant → <c>model</c>, tool results →
/// <c>user</c> turns of <c>functionResponse</c> parts. Consecutive turns of the same Gemini role are merged (Gemini wants
/// them to alternate); turns with nothing to send and empty text parts (which Gemini rejects) are skipped.
/// </summary>
internal static class GeminiContentsWriter
{
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText Parts = JsonEncodedText.Encode("parts");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText UserRole = JsonEncodedText.Encode("user");
    private static readonly JsonEncodedText ModelRole = JsonEncodedText.Encode("model");

    public static void Write(Utf8JsonWriter w, List<ChatMessage> messages)
    {
        w.WriteStartArray("contents");
        ChatRole? open = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!HasParts(message))
            {
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? ChatRole.Assistant : ChatRole.User;
            if (open != role)
            {
                if (open is not null)
                {
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteStartObject();
                w.WriteString(Role, role == ChatRole.Assistant ? ModelRole : UserRole);
                w.WriteStartArray(Parts);
                open = role;
            }

            if (message.Role == ChatRole.Tool)
            {
                WriteFunctionResponse(w, message, ToolName(messages, i));
            }

            WriteContent(w, message);
            foreach (var call in message.ToolCalls)
            {
                WriteFunctionCall(w, call);
            }
        }

        if (open is not null)
        {
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static bool HasParts(ChatMessage message) =>
        message.Role == ChatRole.Tool || message.ToolCalls.Count > 0
        || message.Content.Exists(p => p.Kind != ContentPartKind.Text || !string.IsNullOrEmpty(p.Text));

    /// <summary>Text and media parts; a tool turn's text already went into its functionResponse.</summary>
    private static void WriteContent(Utf8JsonWriter w, ChatMessage message)
    {
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentPartKind.Text)
            {
                if (message.Role != ChatRole.Tool && !string.IsNullOrEmpty(part.Text))
                {
                    w.WriteStartObject();
                    w.WriteString(Text, part.Text);
                    w.WriteEndObject();
                }
            }
            else if (part.Data is not null)
            {
                w.WriteStartObject();
                w.WriteStartObject("inlineData");
                w.WriteString("mimeType", part.MediaType ?? GeminiMediaTypes.Default(part.Kind));
                w.WriteString("data", part.Data);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else if (part.Url is not null)
            {
                w.WriteStartObject();
                w.WriteStartObject("fileData");
                w.WriteString("mimeType", part.MediaType ?? GeminiMediaTypes.Guess(part.Url, part.Kind));
                w.WriteString("fileUri", part.Url);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
    }

    /// <summary>functionCall with its arguments as an object, and the thoughtSignature Gemini gave with it.</summary>
    private static void WriteFunctionCall(Utf8JsonWriter w, ToolCall call)
    {
        w.WriteStartObject();
        w.WriteStartObject("functionCall");
        w.WriteString("name", call.Name);
        w.WritePropertyName("args");
        if (!GeminiWire.TryWriteJsonObject(w, call.Arguments))
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if ((call.Signature ?? GeminiWire.SignatureFromId(call.Id)) is { } signature)
        {
            w.WriteString("thoughtSignature", signature);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// functionResponse {name, response:{output}} (<c>error</c> instead of <c>output</c> when the tool failed); the tool's
    /// text goes in as an object when it is a JSON object, else as a string.
    /// </summary>
    private static void WriteFunctionResponse(Utf8JsonWriter w, ChatMessage message, string name)
    {
        w.WriteStartObject();
        w.WriteStartObject("functionResponse");
        w.WriteString("name", name);
        w.WriteStartObject("response");
        w.WritePropertyName(message.IsError ? "error" : "output");
        var text = message.Text;
        if (!GeminiWire.TryWriteJsonObject(w, text))
        {
            w.WriteStringValue(text);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The tool turn's function name: set by the dialect, else found from the earlier call with that id.</summary>
    private static string ToolName(List<ChatMessage> messages, int index)
    {
        var message = messages[index];
        if (!string.IsNullOrEmpty(message.ToolName))
        {
            return message.ToolName;
        }

        for (var i = index - 1; i >= 0; i--)
        {
            foreach (var call in messages[i].ToolCalls)
            {
                if (call.Id == message.ToolCallId)
                {
                    return call.Name;
                }
            }
        }

        return message.ToolCallId ?? "unknown";
    }
}
