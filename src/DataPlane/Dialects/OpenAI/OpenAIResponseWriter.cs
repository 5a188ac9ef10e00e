using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Writes <c>chat.completion</c> objects, usage and finish reasons in OpenAI's shape.</summary>
internal static class OpenAIResponseWriter
{
    /// <summary>
    /// JSON API bodies are not HTML: keep non-ASCII text and quotes as they are (as OpenAI does) instead of \u escapes.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter w, string id, long created, string model, ChatResponse response)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        foreach (var choice in response.Choices)
        {
            WriteChoice(w, choice);
        }

        w.WriteEndArray();
        w.WritePropertyName("usage");
        WriteUsage(w, response.Usage);
        w.WriteEndObject();
    }

    /// <summary>Writes the usage object (the property name is the caller's).</summary>
    public static void WriteUsage(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject();
        w.WriteNumber("prompt_tokens", usage.InputTokens);
        w.WriteNumber("completion_tokens", usage.OutputTokens);
        w.WriteNumber("total_tokens", usage.TotalTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", usage.CachedInputTokens);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string FinishReasonText(FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        FinishReason.ToolCalls => "tool_calls",
        FinishReason.ContentFilter => "content_filter",
        _ => "stop",
    };

    private static void WriteChoice(Utf8JsonWriter w, ChatChoice choice)
    {
        w.WriteStartObject();
        w.WriteNumber("index", choice.Index);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (choice.Text is not null)
        {
            w.WriteString("content", choice.Text);
        }
        else if (choice.ToolCalls.Count > 0)
        {
            w.WriteNull("content");
        }
        else
        {
            w.WriteString("content", "");
        }

        if (!string.IsNullOrEmpty(choice.Reasoning))
        {
            // DeepSeek's convention, understood by most OpenAI-compatible clients.
            w.WriteString("reasoning_content", choice.Reasoning);
        }

        w.WriteNull("refusal");
        if (choice.ToolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in choice.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", FinishReasonText(choice.FinishReason));
        w.WriteEndObject();
    }
}
