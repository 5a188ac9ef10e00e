using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Reads only the top-level <c>usage</c> (with its cached and reasoning details), <c>choices</c> (whether empty, the first
/// <c>finish_reason</c> and the length of the deltas' text) and <c>error</c> members of a payload.
/// </summary>
public static class ChunkInspector
{
    public static ChunkInfo Inspect(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            bool hasUsage = false, emptyChoices = false, hasError = false;
            UsageCounts usage = default;
            var characters = 0;
            FinishReason? finish = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        hasUsage = true;
                        ReadUsage(ref reader, ref usage);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Read();
                        emptyChoices = reader.TokenType == JsonTokenType.EndArray;
                        if (!emptyChoices)
                        {
                            finish = ReadChoices(ref reader, ref characters);
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    hasError |= reader.ValueTextEquals("error"u8);
                    reader.Read();
                    reader.Skip();
                }
            }

            return new ChunkInfo(
                true, hasUsage, usage.Prompt, usage.Completion, emptyChoices, hasError, finish, usage.Cached ?? usage.CacheHit ?? 0, usage.Reasoning, characters);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private struct UsageCounts
    {
        public int Prompt;
        public int Completion;
        public int? Cached;
        public int? CacheHit;
        public int Reasoning;
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref UsageCounts usage)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPrompt = reader.ValueTextEquals("prompt_tokens"u8);
            var isCompletion = reader.ValueTextEquals("completion_tokens"u8);
            var isCacheHit = reader.ValueTextEquals("prompt_cache_hit_tokens"u8);
            var isPromptDetails = reader.ValueTextEquals("prompt_tokens_details"u8);
            var isCompletionDetails = reader.ValueTextEquals("completion_tokens_details"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n))
            {
                if (isPrompt)
                {
                    usage.Prompt = n;
                }
                else if (isCompletion)
                {
                    usage.Completion = n;
                }
                else if (isCacheHit)
                {
                    usage.CacheHit = n;
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject && (isPromptDetails || isCompletionDetails))
            {
                var detail = Detail(ref reader, isPromptDetails ? "cached_tokens"u8 : "reasoning_tokens"u8);
                if (isPromptDetails)
                {
                    usage.Cached = detail ?? usage.Cached;
                }
                else
                {
                    usage.Reasoning = detail ?? usage.Reasoning;
                }

                continue;
            }

            reader.Skip();
        }
    }

    /// <summary>Positioned on a details object's start: reads to its end, returning the named number member.</summary>
    private static int? Detail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        int? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n))
            {
                value = n;
            }

            reader.Skip();
        }

        return value;
    }

    /// <summary>
    /// Positioned on a choice's <c>delta</c> (or <c>message</c>) value: reads to its end, adding the length of every string
    /// that is output text (<c>content</c>, <c>reasoning_content</c>, <c>reasoning</c>, tool-call <c>arguments</c>).
    /// </summary>
    private static void CountText(ref Utf8JsonReader reader, ref int characters)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var depth = reader.CurrentDepth;
        var counted = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                counted = reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8)
                          || reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("arguments"u8);
            }
            else if (reader.TokenType == JsonTokenType.String && counted)
            {
                characters += reader.ValueSpan.Length;
                counted = false;
            }
        }
    }

    /// <summary>Positioned on the first element: reads to the array's end, returning the first finish reason seen.</summary>
    private static FinishReason? ReadChoices(ref Utf8JsonReader reader, ref int characters)
    {
        FinishReason? finish = null;
        do
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFinish = reader.ValueTextEquals("finish_reason"u8);
                var isDelta = reader.ValueTextEquals("delta"u8);
                reader.Read();
                if (isFinish && finish is null && reader.TokenType == JsonTokenType.String)
                {
                    finish = MapFinish(ref reader);
                }
                else if (isDelta)
                {
                    CountText(ref reader, ref characters);
                    continue;
                }

                reader.Skip();
            }
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);

        return finish;
    }

    private static FinishReason MapFinish(ref Utf8JsonReader reader) => reader switch
    {
        _ when reader.ValueTextEquals("length"u8) => FinishReason.Length,
        _ when reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8) => FinishReason.ToolCalls,
        _ when reader.ValueTextEquals("content_filter"u8) => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };
}
