using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>
/// The mock provider's deterministic answer to a canonical request: it echoes the last user message, or, when the
/// request offers tools and the conversation is not answering a tool result, calls the first (or the forced) tool with
/// arguments built from the tool's schema. Token counts are estimated (4 characters per token).
/// </summary>
public sealed class MockAnswer
{
    private const int MaxEcho = 80;

    private MockAnswer(IReadOnlyList<string> pieces, ToolCall? toolCall, int promptTokens)
    {
        Pieces = pieces;
        ToolCall = toolCall;
        PromptTokens = promptTokens;
    }

    /// <summary>The reply split into tokens (each piece carries its leading space); empty for a tool call.</summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>The tool call the mock makes instead of answering, or null.</summary>
    public ToolCall? ToolCall { get; }

    public string Text => string.Concat(Pieces);

    public int PromptTokens { get; }

    public int CompletionTokens => ToolCall is { } call ? Math.Max(1, (call.Name.Length + call.Arguments.Length + 3) / 4) : Pieces.Count;

    public FinishReason FinishReason => ToolCall is null ? FinishReason.Stop : FinishReason.ToolCalls;

    public TokenUsage Usage(int choices) => new(PromptTokens, CompletionTokens * choices);

    public static MockAnswer For(ChatRequest request)
    {
        var lastUser = request.Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var echo = lastUser.ReplaceLineEndings(" ").Trim();
        if (echo.Length > MaxEcho)
        {
            echo = echo[..MaxEcho];
        }

        var promptTokens = Math.Max(1, request.EstimateInputTokens());
        if (ToolToCall(request) is { } tool)
        {
            var id = "call_mock" + Convert.ToHexStringLower(BitConverter.GetBytes(StringComparer.Ordinal.GetHashCode(tool.Name + echo)));
            return new MockAnswer([], new ToolCall(id, tool.Name, ArgumentsFor(tool.Parameters, echo)), promptTokens);
        }

        var last = request.Messages.Count > 0 ? request.Messages[^1] : null;
        var reply = last?.Role == ChatRole.Tool
            ? $"Mock answer using the result of {last.ToolName ?? "the tool"}: {Truncate(last.Text)}."
            : $"Mock reply to: {echo}. This is a deterministic response from the Switchyard mock provider.";
        var words = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pieces = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            pieces[i] = i == 0 ? words[i] : " " + words[i];
        }

        return new MockAnswer(pieces, null, promptTokens);
    }

    private static ToolDefinition? ToolToCall(ChatRequest request)
    {
        if (request.Tools.Count == 0 || request.ToolChoice?.Mode == ToolChoiceMode.None || request.Messages.Count == 0 || request.Messages[^1].Role != ChatRole.User)
        {
            return null;
        }

        return request.ToolChoice is { Mode: ToolChoiceMode.Named, Name: { } name }
            ? request.Tools.FirstOrDefault(t => t.Name == name) ?? request.Tools[0]
            : request.Tools[0];
    }

    /// <summary>A JSON object giving every required property (or every property when none is required) a sample value.</summary>
    private static string ArgumentsFor(JsonElement schema, string echo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet()
                    : null;
                foreach (var property in properties.EnumerateObject())
                {
                    if (required is null || required.Count == 0 || required.Contains(property.Name))
                    {
                        writer.WritePropertyName(property.Name);
                        WriteSample(writer, property.Value, echo);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSample(Utf8JsonWriter writer, JsonElement schema, string echo)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
        switch (type)
        {
            case "integer" or "number": writer.WriteNumberValue(1); break;
            case "boolean": writer.WriteBooleanValue(true); break;
            case "array": writer.WriteStartArray(); writer.WriteEndArray(); break;
            case "object": writer.WriteStartObject(); writer.WriteEndObject(); break;
            default: writer.WriteStringValue(echo.Length > 0 ? Truncate(echo) : "mock"); break;
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40];
}
