using System.Text.Json;

namespace Switchyard.DataPlane.Streaming;

/// <summary>Reads only the top-level <c>usage</c>, <c>choices</c> and <c>error</c> members of a payload.</summary>
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
                            SkipToArrayEnd(ref reader);
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

            return new ChunkInfo(true, hasUsage, prompt, completion, emptyChoices, hasError);
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

    private static void SkipToArrayEnd(ref Utf8JsonReader reader)
    {
        // Positioned on the first element's token.
        reader.Skip();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }
}
