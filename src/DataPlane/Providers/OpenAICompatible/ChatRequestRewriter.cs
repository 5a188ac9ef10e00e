using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Rewrites a chat completions body in one pass (reader → writer): replaces <c>model</c> with the upstream model and,
/// for streams, forces <c>stream_options.include_usage: true</c>. Every other member is copied as raw JSON.
/// </summary>
public static class ChatRequestRewriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>One writer per thread, reset onto each request's output (a writer is ~200 bytes of state per request otherwise).</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void Rewrite(ReadOnlySpan<byte> body, string upstreamModel, bool forceIncludeUsage, PooledBufferWriter output)
    {
        var reader = new Utf8JsonReader(body);
        var writer = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        writer.Reset(output);
        Rewrite(ref reader, body, upstreamModel, forceIncludeUsage, writer);
        writer.Flush();
    }

    private static void Rewrite(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string upstreamModel, bool forceIncludeUsage, Utf8JsonWriter writer)
    {
        reader.Read();
        writer.WriteStartObject();
        var wroteStreamOptions = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                reader.Skip();
                writer.WriteString("model"u8, upstreamModel);
            }
            else if (forceIncludeUsage && reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                WriteStreamOptions(ref reader, body, writer);
                wroteStreamOptions = true;
            }
            else
            {
                CopyProperty(ref reader, body, writer);
            }
        }

        if (forceIncludeUsage && !wroteStreamOptions)
        {
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStreamOptions(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, Utf8JsonWriter writer)
    {
        writer.WritePropertyName("stream_options"u8);
        writer.WriteStartObject();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("include_usage"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                CopyProperty(ref reader, body, writer);
            }
        }
        else
        {
            reader.Skip();
        }

        writer.WriteBoolean("include_usage"u8, true);
        writer.WriteEndObject();
    }

    /// <summary>Copies the property at the reader (name token) and its value verbatim.</summary>
    private static void CopyProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, Utf8JsonWriter writer)
    {
        Span<byte> name = reader.ValueSpan.Length <= 256 ? stackalloc byte[256] : new byte[reader.ValueSpan.Length];
        var nameLength = reader.CopyString(name);
        writer.WritePropertyName(name[..nameLength]);

        reader.Read();
        var valueStart = (int)reader.TokenStartIndex;
        reader.Skip();
        writer.WriteRawValue(body[valueStart..(int)reader.BytesConsumed], skipInputValidation: true);
    }
}
