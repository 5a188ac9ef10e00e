using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Writes a canonical request as an Anthropic Messages body (provider-wire-formats §3.2, §5.2). Seed, penalties and
/// logprobs have no Anthropic equivalent and are dropped; n &gt; 1 is refused by <see cref="Validate"/>.
/// </summary>
/// <remarks>
/// <c>response_format: json_schema</c> is emulated, as LiteLLM does: the schema becomes a tool named after it, the
/// tool is forced (<c>tool_choice {type:tool}</c>), and the readers turn that tool's input back into the answer's text
/// (with finish reason stop), so the caller never sees the tool. <c>json_object</c> adds a system instruction.
/// </remarks>
internal static class AnthropicRequestWriter
{
    public const int DefaultMaxTokens = 4096;
    public const string DefaultJsonToolName = "json_response";
    public const string JsonObjectInstruction = "Respond only with a single valid JSON object, with no text before or after it.";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The name of the forced tool emulating <c>json_schema</c>, or null when the request has none.</summary>
    public static string? JsonToolName(ChatRequest request) =>
        request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema } format
            ? string.IsNullOrEmpty(format.Name) ? DefaultJsonToolName : format.Name
            : null;

    /// <summary>The error for a request Anthropic cannot serve, or null.</summary>
    public static GatewayError? Validate(ChatRequest request) =>
        request.N > 1 ? GatewayError.InvalidRequest("Anthropic models return one choice per request: `n` must be 1.", "n") : null;

    /// <summary>
    /// Writes the body for <c>/v1/messages</c>, or for <c>/v1/messages/count_tokens</c> when <paramref name="countTokens"/>
    /// (same prompt, without max_tokens, sampling, metadata and stream).
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ChatRequest request, RuntimeDeployment deployment, bool stream, bool countTokens = false)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        writer.WriteString("model", deployment.UpstreamModel);
        if (!countTokens)
        {
            writer.WriteNumber("max_tokens", MaxTokens(request, deployment));
        }

        WriteSystem(writer, request);
        AnthropicMessagesWriter.Write(writer, request.Messages);
        AnthropicToolsWriter.Write(writer, request);
        if (request.ThinkingBudget is > 0 and var budget)
        {
            writer.WriteStartObject("thinking");
            writer.WriteString("type", "enabled");
            writer.WriteNumber("budget_tokens", budget);
            writer.WriteEndObject();
        }

        if (!countTokens)
        {
            WriteSampling(writer, request);
            if (stream)
            {
                writer.WriteBoolean("stream", true);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The caller's limit (already checked against the model's by the capability guard), else the deployment's
    /// <c>maxTokens</c> setting or 4096, never above the model's output limit: a default the caller did not choose must
    /// not make the upstream refuse the request.
    /// </summary>
    private static int MaxTokens(ChatRequest request, RuntimeDeployment deployment) =>
        request.MaxTokens
        ?? Math.Min(
            int.TryParse(deployment.Setting("maxTokens"), NumberStyles.None, CultureInfo.InvariantCulture, out var configured) && configured > 0
                ? configured
                : DefaultMaxTokens,
            deployment.Snapshot.Capabilities?.MaxOutputTokens ?? int.MaxValue);

    private static void WriteSystem(Utf8JsonWriter writer, ChatRequest request)
    {
        var jsonObject = request.ResponseFormat is { Kind: ResponseFormatKind.JsonObject };
        if (!jsonObject && !request.System.Exists(s => s.Length > 0))
        {
            return;
        }

        writer.WriteStartArray("system");
        foreach (var text in request.System)
        {
            if (text.Length > 0)
            {
                AnthropicMessagesWriter.WriteText(writer, text);
            }
        }

        if (jsonObject)
        {
            AnthropicMessagesWriter.WriteText(writer, JsonObjectInstruction);
        }

        writer.WriteEndArray();
    }

    private static void WriteSampling(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.Stop is { Count: > 0 } stop)
        {
            writer.WriteStartArray("stop_sequences");
            foreach (var sequence in stop)
            {
                writer.WriteStringValue(sequence);
            }

            writer.WriteEndArray();
        }

        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", Math.Clamp(temperature, 0, 1)); // Anthropic's range is 0–1 (OpenAI's 0–2).
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p", topP);
        }

        if (request.TopK is { } topK)
        {
            writer.WriteNumber("top_k", topK);
        }

        if (!string.IsNullOrEmpty(request.User))
        {
            writer.WriteStartObject("metadata");
            writer.WriteString("user_id", request.User);
            writer.WriteEndObject();
        }
    }
}
