using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Writes a canonical <see cref="ChatRequest"/> as an OpenAI Chat Completions body for one upstream flavor, in one
/// pass with <see cref="Utf8JsonWriter"/>. Streams always ask for usage (<c>stream_options.include_usage</c>; Mistral,
/// which refuses the field, always sends it): the gateway bills from it.
/// </summary>
internal static class OpenAIRequestWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fields the writer sets itself; an <see cref="ChatRequest.Extra"/> entry never overrides them.</summary>
    private static readonly FrozenSet<string> Modeled = FrozenSet.ToFrozenSet(
    [
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "functions", "function_call", "response_format", "stop",
        "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "seed", "random_seed", "frequency_penalty",
        "presence_penalty", "user", "n", "reasoning_effort", "stream", "stream_options",
    ], StringComparer.Ordinal);

    /// <summary>The error to return instead of calling the upstream, or null when the request can be sent.</summary>
    public static GatewayError? Validate(ChatRequest request, OpenAIFlavor flavor)
    {
        if (flavor.SingleChoiceOnly && request.N is { } n && n != 1)
        {
            return GatewayError.InvalidRequest($"This model's provider supports only 'n': 1 (got {n}).", "n", "unsupported_parameter");
        }

        return OpenAIMessageWriter.FindUnsupportedPart(request) is { } param
            ? GatewayError.InvalidRequest("This model's provider cannot fetch documents by URL; send the document inline as base64 data.", param, "unsupported_content")
            : null;
    }

    /// <param name="model">The body's <c>model</c>; null to leave it out (Azure classic URLs name the deployment).</param>
    /// <param name="stream">Ask for a stream (with usage).</param>
    public static void Write(ChatRequest request, OpenAIFlavor flavor, string? model, bool stream, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        if (model is not null)
        {
            writer.WriteString("model"u8, model);
        }

        OpenAIMessageWriter.Write(writer, request, flavor);
        OpenAIToolWriter.WriteTools(writer, request, flavor);
        OpenAIToolWriter.WriteResponseFormat(writer, request.ResponseFormat);
        if (request.Stop is { Count: > 0 } stop)
        {
            writer.WriteStartArray("stop"u8);
            foreach (var sequence in stop)
            {
                writer.WriteStringValue(sequence);
            }

            writer.WriteEndArray();
        }

        WriteNumber(writer, "temperature", request.Temperature);
        WriteNumber(writer, "top_p", request.TopP);
        if (flavor.TopK && request.TopK is { } topK)
        {
            writer.WriteNumber("top_k"u8, topK);
        }

        if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber(flavor.MaxCompletionTokens ? "max_completion_tokens"u8 : "max_tokens"u8, maxTokens);
        }

        if (request.Seed is { } seed)
        {
            writer.WriteNumber(flavor.SeedField, seed);
        }

        WriteNumber(writer, "frequency_penalty", request.FrequencyPenalty);
        WriteNumber(writer, "presence_penalty", request.PresencePenalty);
        if (request.User is { } user && flavor.User)
        {
            writer.WriteString("user"u8, user);
        }

        if (request.N is { } n)
        {
            writer.WriteNumber("n"u8, n);
        }

        if (request.ReasoningEffort is { } effort)
        {
            writer.WriteString("reasoning_effort"u8, effort);
        }

        writer.WriteBoolean("stream"u8, stream);
        if (stream && flavor.StreamOptions)
        {
            WriteStreamOptions(writer, request.Extra);
        }

        WriteExtra(writer, request.Extra, flavor);
        writer.WriteEndObject();
    }

    private static void WriteStreamOptions(Utf8JsonWriter writer, Dictionary<string, JsonElement>? extra)
    {
        writer.WriteStartObject("stream_options"u8);
        if (extra is not null && extra.TryGetValue("stream_options", out var options) && options.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in options.EnumerateObject())
            {
                if (option.Name != "include_usage")
                {
                    option.WriteTo(writer);
                }
            }
        }

        writer.WriteBoolean("include_usage"u8, true);
        writer.WriteEndObject();
    }

    private static void WriteExtra(Utf8JsonWriter writer, Dictionary<string, JsonElement>? extra, OpenAIFlavor flavor)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (name, value) in extra)
        {
            if (!Modeled.Contains(name) && !flavor.Drops(name))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
