using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Writes a canonical request as a Bedrock Converse body: <c>system</c>, <c>messages</c> (see
/// <see cref="BedrockMessageWriter"/>), <c>inferenceConfig</c>, <c>additionalModelRequestFields.top_k</c> and
/// <c>toolConfig</c>. Bedrock has no <c>tool_choice: none</c>: the tools are then left out, unless the history holds
/// tool blocks (Bedrock rejects those without a <c>toolConfig</c>), in which case they are sent without a choice.
/// Seed, penalties, <c>user</c> and <c>response_format</c> have no Converse equivalent and are not sent.
/// </summary>
internal static class BedrockRequestWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body, or returns the 400 for a request Bedrock cannot serve (the output is then unusable).</summary>
    public static GatewayError? Write(ChatRequest request, IBufferWriter<byte> output)
    {
        try
        {
            return WriteBody(request, output);
        }
        catch (JsonException)
        {
            return GatewayError.InvalidRequest("Tool call arguments must be valid JSON.", "messages");
        }
    }

    private static GatewayError? WriteBody(ChatRequest request, IBufferWriter<byte> output)
    {
        if (request.N is > 1)
        {
            return GatewayError.InvalidRequest("Bedrock returns one choice per request; 'n' greater than 1 is not supported.", "n");
        }

        if (BedrockContentRules.Validate(request) is { } error)
        {
            return error;
        }

        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        if (request.System.Count > 0)
        {
            writer.WriteStartArray("system");
            foreach (var text in request.System)
            {
                writer.WriteStartObject();
                writer.WriteString("text", text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        BedrockMessageWriter.WriteMessages(writer, request);
        WriteInferenceConfig(writer, request);
        if (request.TopK is { } topK)
        {
            writer.WriteStartObject("additionalModelRequestFields");
            writer.WriteNumber("top_k", topK);
            writer.WriteEndObject();
        }

        WriteToolConfig(writer, request);
        writer.WriteEndObject();
        return null;
    }

    private static void WriteInferenceConfig(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.MaxTokens is null && request.Temperature is null && request.TopP is null && request.Stop is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartObject("inferenceConfig");
        if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber("maxTokens", maxTokens);
        }

        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("topP", topP);
        }

        if (request.Stop is { Count: > 0 } stop)
        {
            writer.WriteStartArray("stopSequences");
            foreach (var sequence in stop)
            {
                writer.WriteStringValue(sequence);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteToolConfig(Utf8JsonWriter writer, ChatRequest request)
    {
        var none = request.ToolChoice?.Mode == ToolChoiceMode.None;
        var historyHasTools = request.Messages.Exists(m => m.Role == ChatRole.Tool || m.ToolCalls.Count > 0);
        var historyNames = request.Tools.Count == 0 && historyHasTools ? HistoryToolNames(request) : [];
        var send = request.Tools.Count > 0 ? !none || historyHasTools : historyNames.Count > 0;
        if (!send)
        {
            return;
        }

        writer.WriteStartObject("toolConfig");
        writer.WriteStartArray("tools");
        if (request.Tools.Count > 0)
        {
            foreach (var tool in request.Tools)
            {
                WriteToolSpec(writer, tool.Name, tool.Description, tool.Parameters);
            }
        }
        else
        {
            // The history calls tools the request no longer declares: declare them by name, any arguments.
            foreach (var name in historyNames)
            {
                WriteToolSpec(writer, name, null, null);
            }
        }

        writer.WriteEndArray();
        if (!none && request.ToolChoice is { } choice && request.Tools.Count > 0)
        {
            writer.WriteStartObject("toolChoice");
            switch (choice.Mode)
            {
                case ToolChoiceMode.Required:
                    writer.WriteStartObject("any");
                    writer.WriteEndObject();
                    break;
                case ToolChoiceMode.Named:
                    writer.WriteStartObject("tool");
                    writer.WriteString("name", choice.Name);
                    writer.WriteEndObject();
                    break;
                default:
                    writer.WriteStartObject("auto");
                    writer.WriteEndObject();
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteToolSpec(Utf8JsonWriter writer, string name, string? description, JsonElement? parameters)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("toolSpec");
        writer.WriteString("name", name);
        if (!string.IsNullOrEmpty(description))
        {
            writer.WriteString("description", description);
        }

        writer.WriteStartObject("inputSchema");
        writer.WritePropertyName("json");
        if (parameters is { ValueKind: JsonValueKind.Object } schema)
        {
            schema.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static List<string> HistoryToolNames(ChatRequest request) =>
        request.Messages.SelectMany(m => m.ToolCalls.Select(c => c.Name).Append(m.ToolName ?? ""))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
