using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Reads only the top-level <c>usage</c>, <c>choices</c> (whether empty, and the first <c>finish_reason</c>) and
/// <c>error</c> members of a payload.
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
            int prompt = 0, completion = 0;
            FinishReason? finish = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        hasUsage = true;
                        ReadUsage(ref reader, ref prompt, ref completion);
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
                            finish = ReadChoices(ref reader);
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

            return new ChunkInfo(true, hasUsage, prompt, completion, emptyChoices, hasError, finish);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref int prompt, ref int completion)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPrompt = reader.ValueTextEquals("prompt_tokens"u8);
            var isCompletion = reader.ValueTextEquals("completion_tokens"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (isPrompt && reader.TryGetInt32(out var p))
                {
                    prompt = p;
                }
                else if (isCompletion && reader.TryGetInt32(out var c))
                {
                    completion = c;
                }
            }

            reader.Skip();
        }
    }

    /// <summary>Positioned on the first element: reads to the array's end, returning the first finish reason seen.</summary>
    private static FinishReason? ReadChoices(ref Utf8JsonReader reader)
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
                reader.Read();
                if (isFinish && finish is null && reader.TokenType == JsonTokenType.String)
                {
                    finish = MapFinish(ref reader);
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
