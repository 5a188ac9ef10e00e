using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Reads an OpenAI Chat Completions response (or any compatible server's) into a canonical <see cref="ChatResponse"/>.
/// Unknown fields (Azure filter results, <c>service_tier</c>, vLLM <c>stop_reason</c>, ...) are ignored.
/// </summary>
internal static class OpenAIResponseReader
{
    public static ChatResponse Read(JsonElement root)
    {
        var response = new ChatResponse { Id = OpenAIWire.String(root, "id"u8) ?? "", UpstreamModel = OpenAIWire.String(root, "model"u8) };
        if (root.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                response.Choices.Add(ReadChoice(choice, OpenAIWire.Int(choice, "index"u8) ?? position));
                position++;
            }
        }

        if (OpenAIWire.Child(root, "usage"u8) is { ValueKind: JsonValueKind.Object } usage)
        {
            response.Usage = OpenAIWire.ReadUsage(usage);
        }

        return response;
    }

    private static ChatChoice ReadChoice(JsonElement choice, int index)
    {
        var result = new ChatChoice { Index = index };
        var message = OpenAIWire.Child(choice, "message"u8);
        ReadContent(message, result);
        result.Reasoning ??= OpenAIWire.String(message, "reasoning_content"u8) ?? OpenAIWire.String(message, "reasoning"u8);

        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool_calls"u8, out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = OpenAIWire.Child(call, "function"u8);
                result.ToolCalls.Add(new ToolCall(
                    OpenAIWire.String(call, "id"u8) is { Length: > 0 } id ? id : OpenAIWire.NewToolCallId(),
                    OpenAIWire.String(function, "name"u8) ?? "",
                    NonEmpty(OpenAIWire.Arguments(function))));
            }
        }

        if (OpenAIWire.Child(message, "function_call"u8) is { ValueKind: JsonValueKind.Object } legacy)
        {
            result.ToolCalls.Add(new ToolCall(OpenAIWire.NewToolCallId(), OpenAIWire.String(legacy, "name"u8) ?? "", NonEmpty(OpenAIWire.Arguments(legacy))));
        }

        if (result.ToolCalls.Count > 0 && result.Text is { Length: 0 })
        {
            // Mistral answers tool-call turns with content "".
            result.Text = null;
        }

        result.Text ??= result.ToolCalls.Count == 0 ? OpenAIWire.String(message, "refusal"u8) : null;
        var reason = OpenAIWire.String(choice, "finish_reason"u8) ?? "stop";
        result.FinishReason = OpenAIWire.MapFinish(choice, reason, result.ToolCalls.Count > 0, out var stopSequence);
        result.StopSequence = stopSequence;
        return result;
    }

    /// <summary>Content as a string, or as parts (<c>text</c>; Mistral <c>thinking</c> parts become reasoning).</summary>
    private static void ReadContent(JsonElement message, ChatChoice choice)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content"u8, out var content))
        {
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            choice.Text = content.GetString();
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        foreach (var part in content.EnumerateArray())
        {
            switch (OpenAIWire.String(part, "type"u8))
            {
                case "text":
                    (text ??= new StringBuilder()).Append(OpenAIWire.String(part, "text"u8));
                    break;
                case "thinking" when part.TryGetProperty("thinking"u8, out var thinking):
                    reasoning ??= new StringBuilder();
                    AppendThinking(reasoning, thinking);
                    break;
            }
        }

        choice.Text = text?.ToString();
        choice.Reasoning = reasoning?.ToString();
    }

    private static void AppendThinking(StringBuilder reasoning, JsonElement thinking)
    {
        if (thinking.ValueKind == JsonValueKind.String)
        {
            reasoning.Append(thinking.GetString());
            return;
        }

        if (thinking.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in thinking.EnumerateArray())
            {
                reasoning.Append(OpenAIWire.String(part, "text"u8));
            }
        }
    }

    private static string NonEmpty(string arguments) => arguments.Length == 0 ? "{}" : arguments;
}
