using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>Pieces of the Gemini wire format shared by the response reader and the stream translator.</summary>
internal static class GeminiWire
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private const string SignatureSeparator = "__thought__";

    /// <summary>
    /// Gemini function calls carry no id: "call_" + 24 random alphanumerics. A <c>thoughtSignature</c> (which Gemini
    /// wants echoed with the call on the next turn, but which no dialect can carry) rides inside the id, base64url-encoded
    /// after "__thought__", so it comes back with the caller's history; <see cref="SignatureFromId"/> reads it.
    /// </summary>
    public static string NewToolCallId(string? signature = null)
    {
        var id = string.Create(29, 0, static (span, _) =>
        {
            "call_".CopyTo(span);
            Random.Shared.GetItems(IdAlphabet, span[5..]);
        });
        return signature is { Length: > 0 }
            ? id + SignatureSeparator + signature.TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : id;
    }

    /// <summary>The thoughtSignature carried in a tool-call id made by <see cref="NewToolCallId"/>, or null.</summary>
    public static string? SignatureFromId(string? id)
    {
        var at = id?.IndexOf(SignatureSeparator, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var encoded = id![(at + SignatureSeparator.Length)..].Replace('-', '+').Replace('_', '/');
        return encoded.PadRight(encoded.Length + ((4 - (encoded.Length % 4)) % 4), '=');
    }

    /// <summary>
    /// Gemini <c>finishReason</c> → canonical. <c>RECITATION</c> counts as a content filter (LiteLLM's choice; Portkey
    /// says stop): the answer was cut because it reproduced protected text. <c>OTHER</c>, <c>MALFORMED_FUNCTION_CALL</c>,
    /// <c>FINISH_REASON_UNSPECIFIED</c> and unknown values are <see cref="FinishReason.Stop"/>.
    /// </summary>
    public static FinishReason MapFinish(string? reason) => reason switch
    {
        "MAX_TOKENS" => FinishReason.Length,
        "SAFETY" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "LANGUAGE" or "RECITATION"
            or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };

    /// <summary>A natural stop becomes <see cref="FinishReason.ToolCalls"/> when the candidate called functions (Gemini has no such reason).</summary>
    public static FinishReason MapFinish(string? reason, bool calledTools)
    {
        var mapped = MapFinish(reason);
        return mapped == FinishReason.Stop && calledTools ? FinishReason.ToolCalls : mapped;
    }

    /// <summary>
    /// <c>usageMetadata</c> → canonical: input = promptTokenCount (cached included), output = candidates + thoughts,
    /// reasoning = thoughts, cached = cachedContentTokenCount.
    /// </summary>
    public static TokenUsage ReadUsage(JsonElement usage)
    {
        var thoughts = Int(usage, "thoughtsTokenCount");
        return new TokenUsage(
            InputTokens: Int(usage, "promptTokenCount"),
            OutputTokens: Int(usage, "candidatesTokenCount") + thoughts,
            CachedInputTokens: Int(usage, "cachedContentTokenCount"),
            ReasoningTokens: thoughts);
    }

    /// <summary><c>modelVersion</c> without the <c>models/</c> prefix streams sometimes carry.</summary>
    public static string? ModelVersion(JsonElement root)
    {
        var version = Str(root, "modelVersion");
        return version is not null && version.StartsWith("models/", StringComparison.Ordinal) ? version[7..] : version;
    }

    /// <summary>A function call's <c>args</c> as compact JSON text ("{}" when absent).</summary>
    public static string ArgumentsText(JsonElement call)
    {
        if (!call.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Object)
        {
            return "{}";
        }

        using var buffer = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            args.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="text"/> as a JSON object when it is one; false (nothing written) otherwise.</summary>
    public static bool TryWriteJsonObject(Utf8JsonWriter writer, string? text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text!);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            document.RootElement.WriteTo(writer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var number)
            ? number
            : 0;

    public static bool IsTrue(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
