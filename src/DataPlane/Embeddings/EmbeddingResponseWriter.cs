using System.Runtime.InteropServices;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Embeddings;

/// <summary>Writes OpenAI's embeddings list, vectors as float arrays or as base64 of little-endian float32.</summary>
public static class EmbeddingResponseWriter
{
    public static async Task WriteAsync(HttpContext context, EmbeddingRequest request, EmbeddingResponse response, IResponseObserver observer)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < response.Vectors.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                var vector = response.Vectors[i];
                if (request.Base64 && BitConverter.IsLittleEndian)
                {
                    w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        w.WriteNumberValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", request.Model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", response.PromptTokens);
            w.WriteNumber("total_tokens", response.PromptTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        observer.BodyWritten(buffer.WrittenSpan);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
