using System.Buffers;
using System.Text.Json;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>Serializes mock completions exactly in OpenAI's chat completion and chunk shapes.</summary>
public static class MockResponseWriter
{
    public static void WriteCompletion(IBufferWriter<byte> output, string id, long created, string model, MockCompletion completion)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion", created, model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", completion.Content);
        w.WriteNull("refusal");
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, completion);
        w.WriteEndObject();
    }

    /// <summary>One chunk; <paramref name="content"/> null with <paramref name="role"/> false writes an empty delta.</summary>
    public static void WriteChunk(IBufferWriter<byte> output, string id, long created, string model, bool role, string? content, string? finishReason, bool usageNull)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion.chunk", created, model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role)
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", "");
            w.WriteNull("refusal");
        }
        else if (content is not null)
        {
            w.WriteString("content", content);
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (usageNull)
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
    }

    public static void WriteUsageChunk(IBufferWriter<byte> output, string id, long created, string model, MockCompletion completion)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        WriteHeader(w, id, "chat.completion.chunk", created, model);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, completion);
        w.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter w, string id, string type, long created, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", type);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteString("system_fingerprint", "fp_switchyard_mock");
    }

    private static void WriteUsage(Utf8JsonWriter w, MockCompletion completion)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", completion.PromptTokens);
        w.WriteNumber("completion_tokens", completion.CompletionTokens);
        w.WriteNumber("total_tokens", completion.PromptTokens + completion.CompletionTokens);
        w.WriteEndObject();
    }
}
