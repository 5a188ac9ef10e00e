using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Pieces of the Anthropic Messages wire format shared by the response writer and the stream sink.</summary>
internal static class AnthropicWire
{
    /// <summary>Compact JSON without HTML escaping (bodies are JSON or SSE, never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public static string StopReason(FinishReason reason) => reason switch
    {
        FinishReason.StopSequence => "stop_sequence",
        FinishReason.Length => "max_tokens",
        FinishReason.ToolCalls => "tool_use",
        FinishReason.ContentFilter => "refusal",
        _ => "end_turn",
    };

    /// <summary>Writes <c>stop_reason</c> and <c>stop_sequence</c> (the latter only set for a stop-sequence finish).</summary>
    public static void WriteStop(Utf8JsonWriter w, FinishReason reason, string? stopSequence)
    {
        w.WriteString("stop_reason", StopReason(reason));
        if (reason == FinishReason.StopSequence && stopSequence is not null)
        {
            w.WriteString("stop_sequence", stopSequence);
        }
        else
        {
            w.WriteNull("stop_sequence");
        }
    }

    /// <summary>Anthropic usage fields: <c>input_tokens</c> excludes cache reads and writes.</summary>
    public static void WriteUsageFields(Utf8JsonWriter w, TokenUsage usage, int outputTokens)
    {
        w.WriteNumber("input_tokens", usage.UncachedInputTokens);
        w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteInputTokens);
        w.WriteNumber("cache_read_input_tokens", usage.CachedInputTokens);
        w.WriteNumber("output_tokens", outputTokens);
    }

    /// <summary>Writes tool arguments as the <c>input</c> object: the JSON itself when it is an object, else <c>{}</c>.</summary>
    public static void WriteInput(Utf8JsonWriter w, string arguments)
    {
        w.WritePropertyName("input");
        if (IsJsonObject(arguments))
        {
            w.WriteRawValue(arguments, skipInputValidation: true);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
    }

    public static bool IsJsonObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
