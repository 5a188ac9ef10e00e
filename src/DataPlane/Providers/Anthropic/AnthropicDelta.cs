using System.Text.Json;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// A <c>content_block_delta</c> event, the bulk of every stream, read with <see cref="Utf8JsonReader"/> in one pass
/// (<c>{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}</c>).
/// </summary>
internal readonly record struct AnthropicDelta(int Index, AnthropicDeltaKind Kind, string? Value)
{
    public static AnthropicDelta Parse(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A content_block_delta event is not a JSON object.");
        }

        var index = -1;
        var kind = AnthropicDeltaKind.Other;
        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : -1;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                ReadDelta(ref reader, ref kind, ref value);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AnthropicDelta(index, kind, value);
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref AnthropicDeltaKind kind, ref string? value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? AnthropicDeltaKind.Other
                    : reader.ValueTextEquals("text_delta"u8) ? AnthropicDeltaKind.Text
                    : reader.ValueTextEquals("input_json_delta"u8) ? AnthropicDeltaKind.InputJson
                    : reader.ValueTextEquals("thinking_delta"u8) ? AnthropicDeltaKind.Thinking
                    : AnthropicDeltaKind.Other;
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8) || reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
