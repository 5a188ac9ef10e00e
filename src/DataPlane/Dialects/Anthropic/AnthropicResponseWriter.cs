using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Writes a non-streamed answer as an Anthropic <c>message</c> (first choice only; Anthropic has no <c>n</c>).</summary>
internal static class AnthropicResponseWriter
{
    public static void Write(Utf8JsonWriter w, ChatRequest request, ChatResponse response)
    {
        var choice = response.Choices.Count > 0 ? response.Choices[0] : null;
        w.WriteStartObject();
        w.WriteString("id", AnthropicIds.MessageId(response.Id));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", request.Model);
        w.WriteStartArray("content");
        if (choice is not null)
        {
            WriteContent(w, choice);
        }

        w.WriteEndArray();
        AnthropicWire.WriteStop(w, choice?.FinishReason ?? FinishReason.Stop, choice?.StopSequence);
        w.WriteStartObject("usage");
        AnthropicWire.WriteUsageFields(w, response.Usage, response.Usage.OutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter w, ChatChoice choice)
    {
        if (!string.IsNullOrEmpty(choice.Reasoning))
        {
            w.WriteStartObject();
            w.WriteString("type", "thinking");
            w.WriteString("thinking", choice.Reasoning);
            w.WriteString("signature", "");
            w.WriteEndObject();
        }

        if (!string.IsNullOrEmpty(choice.Text))
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", choice.Text);
            w.WriteEndObject();
        }

        foreach (var call in choice.ToolCalls)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", call.Id);
            w.WriteString("name", call.Name);
            AnthropicWire.WriteInput(w, call.Arguments);
            w.WriteEndObject();
        }
    }
}
