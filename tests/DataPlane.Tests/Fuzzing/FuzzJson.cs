using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>
/// Random JSON values for property-based generation: every type, the values parsers trip over (huge and negative
/// numbers, -0, exponents beyond double, empty and very long strings, escapes, lone surrogates, raw invalid UTF-8),
/// objects named with the wire formats' own field names, and nesting just under and over the 64 levels readers allow.
/// </summary>
internal static class FuzzJson
{
    /// <summary>Field names of the request and response formats the gateway reads, so mutations reach real code paths.</summary>
    public static readonly string[] Names =
    [
        "model", "messages", "role", "content", "name", "tool_calls", "tool_call_id", "function", "arguments", "type", "text",
        "image_url", "url", "detail", "input_audio", "data", "format", "file", "file_data", "file_id", "filename", "tools",
        "parameters", "description", "strict", "tool_choice", "parallel_tool_calls", "response_format", "json_schema",
        "schema", "stop", "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "n", "seed", "stream",
        "stream_options", "include_usage", "user", "safety_identifier", "refusal", "reasoning_effort", "frequency_penalty",
        "presence_penalty", "functions", "function_call", "logit_bias", "store", "metadata", "user_id", "system", "source",
        "media_type", "input_schema", "input", "tool_use", "tool_result", "tool_use_id", "is_error", "id", "cache_control",
        "stop_sequences", "thinking", "budget_tokens", "disable_parallel_tool_use", "signature", "document", "image",
        "encoding_format", "dimensions", "choices", "message", "delta", "index", "finish_reason", "stop_reason", "usage",
        "prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details", "cached_tokens",
        "completion_tokens_details", "reasoning_tokens", "reasoning_content", "reasoning", "x_groq", "error", "code", "param",
        "object", "stop_sequence", "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
        "content_block", "partial_json", "candidates", "parts", "functionCall", "args", "thought", "thoughtSignature",
        "finishReason", "usageMetadata", "promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount",
        "cachedContentTokenCount", "promptFeedback", "blockReason", "responseId", "modelVersion", "output", "stopReason",
        "toolUse", "toolUseId", "reasoningContent", "reasoningText", "inputTokens", "outputTokens", "contentBlockIndex",
        "start", "status", "details", "reason", "retryDelay", "innererror", "totalTokens", "Message", "embedding",
    ];

    /// <summary>String values with a meaning somewhere (roles, block and part types, enums, data URLs).</summary>
    private static readonly string[] Words =
    [
        "user", "assistant", "system", "developer", "tool", "function", "text", "image_url", "input_audio", "file", "image",
        "document", "tool_use", "tool_result", "thinking", "redacted_thinking", "auto", "none", "required", "any",
        "json_object", "json_schema", "base64", "url", "float", "enabled", "disabled", "object", "string", "high", "low",
        "data:image/png;base64,iVBORw0KGgo=", "data:", "data:image/png;base64,", "data:;base64,@@@", "http://", "https://x/y.png",
        "wav", "mp3", "image/png", "application/pdf", "stop", "length", "tool_calls", "content_filter", "end_turn",
        "max_tokens", "stop_sequence", "STOP", "MAX_TOKENS", "SAFETY", "error", "[DONE]", "message_start", "content_block_start",
        "content_block_delta", "message_delta", "message_stop", "text_delta", "input_json_delta", "thinking_delta",
        "overloaded_error", "rate_limit_error", "invalid_request_error", "429", "0", "-1", "{}", "{\"a\":", "null",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "0.5", "1.5", "-2.5", "1e2", "1E+2", "1e-7", "127", "128", "255", "256", "1024",
        "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9007199254740993",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890123456789", "1e308", "1.7976931348623157e308", "1e309", "-1e309", "1e999", "4.9e-324",
        "1e-400", "0.1e1", "100.0", "2.0", "-0.0", "1.0000000000000002",
    ];

    /// <summary>A random JSON value as UTF-8 (mostly well-formed; strings may carry text that is not valid UTF-8/UTF-16).</summary>
    public static byte[] Value(Random random, int depth = 0)
    {
        var w = new List<byte>();
        Write(random, w, depth);
        return [.. w];
    }

    /// <summary>A string token, quotes included: a vocabulary word, or one of the awkward kinds.</summary>
    public static byte[] StringToken(Random random) => random.Next(12) switch
    {
        0 => Quote(""),
        1 => Quote(new string('a', random.Next(1, 5000))),
        2 => Quote("é😀中\u2028"),
        3 => Utf8("\"\\u0000\\n\\\"\\\\\\/\\b\\f\\r\\t\""),
        4 => Utf8(random.Next(2) == 0 ? "\"\\ud800\"" : "\"x\\udc00y\""),
        5 => [(byte)'"', .. InvalidUtf8(random), (byte)'"'],
        6 => Quote(Names[random.Next(Names.Length)]),
        7 => Utf8("\"\\uD83D\\uDE00\""),
        _ => Quote(Words[random.Next(Words.Length)]),
    };

    /// <summary>Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates, cut-off sequences.</summary>
    public static byte[] InvalidUtf8(Random random) => random.Next(7) switch
    {
        0 => [0xFF],
        1 => [0x80],
        2 => [0xC0, 0x80],
        3 => [0xED, 0xA0, 0x80],
        4 => [0xE2, 0x82],
        5 => [0xF4, 0x90, 0x80, 0x80],
        _ => [0xF0, 0x9F, 0x98],
    };

    /// <summary>Nesting of the given depth around a value: <c>[[[...v...]]]</c> or <c>{"a":{"a":...}}</c>.</summary>
    public static byte[] Nest(byte[] value, int depth, bool objects)
    {
        var open = objects ? "{\"a\":"u8 : "["u8;
        var close = objects ? (byte)'}' : (byte)']';
        var result = new byte[(open.Length + 1) * depth + value.Length];
        var offset = 0;
        for (var i = 0; i < depth; i++)
        {
            open.CopyTo(result.AsSpan(offset));
            offset += open.Length;
        }

        value.CopyTo(result, offset);
        result.AsSpan(offset + value.Length).Fill(close);
        return result;
    }

    /// <summary>
    /// The test oracle for "is this JSON the gateway can read": well-formed, at most 64 levels deep, and every string and
    /// property name decodes (valid UTF-8, no lone surrogate escapes). A parser may answer "invalid JSON" only when this is false.
    /// </summary>
    public static bool IsReadable(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when the body is exactly one well-formed JSON value (strings not decoded), at most 64 levels deep.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>True when the body is readable JSON whose root is an object.</summary>
    public static bool IsReadableObject(ReadOnlySpan<byte> body) => IsReadable(body) && RootIsObject(body);

    private static bool RootIsObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject;
    }

    private static void Write(Random random, List<byte> w, int depth)
    {
        var pick = depth > 3 ? random.Next(6) : random.Next(10);
        switch (pick)
        {
            case 0 or 1:
                w.AddRange(StringToken(random));
                break;
            case 2 or 3:
                w.AddRange(Utf8(Numbers[random.Next(Numbers.Length)]));
                break;
            case 4:
                w.AddRange(Utf8(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" }));
                break;
            case 5:
                w.AddRange(random.Next(2) == 0 ? "{}"u8.ToArray() : "[]"u8.ToArray());
                break;
            case 6 or 7:
                w.Add((byte)'{');
                var members = random.Next(1, 4);
                for (var i = 0; i < members; i++)
                {
                    if (i > 0)
                    {
                        w.Add((byte)',');
                    }

                    w.AddRange(Quote(Names[random.Next(Names.Length)]));
                    w.Add((byte)':');
                    Write(random, w, depth + 1);
                }

                w.Add((byte)'}');
                break;
            case 8:
                w.Add((byte)'[');
                var items = random.Next(1, 4);
                for (var i = 0; i < items; i++)
                {
                    if (i > 0)
                    {
                        w.Add((byte)',');
                    }

                    Write(random, w, depth + 1);
                }

                w.Add((byte)']');
                break;
            default:
                w.AddRange(Nest(random.Next(2) == 0 ? "1"u8.ToArray() : "\"x\""u8.ToArray(), random.Next(60, 70), random.Next(2) == 0));
                break;
        }
    }

    private static byte[] Quote(string text) => Utf8(JsonSerializer.Serialize(text));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
