using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Switchyard.DataPlane.Embeddings;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>OpenAI <c>/embeddings</c> request and response bodies.</summary>
internal static class OpenAIEmbeddingWire
{
    /// <summary>Writes <c>{model?, input:[…], encoding_format:"float", dimensions?, user?}</c>.</summary>
    public static void WriteRequest(EmbeddingRequest request, string? model, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        if (model is not null)
        {
            writer.WriteString("model"u8, model);
        }

        writer.WriteStartArray("input"u8);
        foreach (var input in request.Inputs)
        {
            writer.WriteStringValue(input);
        }

        writer.WriteEndArray();
        writer.WriteString("encoding_format"u8, "float"u8);
        if (request.Dimensions is { } dimensions)
        {
            writer.WriteNumber("dimensions"u8, dimensions);
        }

        if (request.User is { } user)
        {
            writer.WriteString("user"u8, user);
        }

        writer.WriteEndObject();
    }

    /// <summary>Vectors in <c>index</c> order (float arrays, or base64 little-endian float32 strings) and the prompt tokens.</summary>
    public static EmbeddingResponse ReadResponse(JsonElement root)
    {
        var response = new EmbeddingResponse { UpstreamModel = OpenAIWire.String(root, "model"u8) };
        if (!root.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The embeddings response has no 'data' array.");
        }

        var vectors = new float[data.GetArrayLength()][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            var index = OpenAIWire.Int(item, "index"u8) ?? position;
            if (index < 0 || index >= vectors.Length || vectors[index] is not null)
            {
                throw new InvalidOperationException($"The embeddings response has a bad or repeated index {index}.");
            }

            vectors[index] = item.TryGetProperty("embedding"u8, out var embedding) ? Vector(embedding) : [];
            position++;
        }

        response.Vectors.AddRange(vectors);
        response.PromptTokens = OpenAIWire.Int(OpenAIWire.Child(root, "usage"u8), "prompt_tokens"u8) ?? 0;
        return response;
    }

    private static float[] Vector(JsonElement embedding)
    {
        if (embedding.ValueKind == JsonValueKind.String)
        {
            var bytes = embedding.GetBytesFromBase64();
            if (bytes.Length % sizeof(float) != 0)
            {
                throw new FormatException("A base64 embedding is not a whole number of float32 values.");
            }

            var floats = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return floats;
        }

        if (embedding.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("An embedding is neither an array nor a base64 string.");
        }

        var vector = new float[embedding.GetArrayLength()];
        var j = 0;
        foreach (var value in embedding.EnumerateArray())
        {
            vector[j++] = value.GetSingle();
        }

        return vector;
    }
}
