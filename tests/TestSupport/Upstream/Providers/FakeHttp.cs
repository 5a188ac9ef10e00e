using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>Small response helpers shared by the families: JSON bodies, flushed SSE events, ids.</summary>
internal static class FakeHttp
{
    /// <summary>Compact JSON that escapes only what JSON requires (like the providers: "I'll", not "I\u0027ll").</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Reads the body as a JSON object; null when it is missing or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Task WriteJsonAsync(HttpContext context, int status, JsonNode body, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(FakeHttp.JsonOptions), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Starts a 200 streaming response and sends the headers at once.</summary>
    public static async Task StartStreamAsync(HttpContext context, string contentType, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.StartAsync(context.RequestAborted);
    }

    /// <summary>Writes one SSE event (<c>event:</c> line only when named) ended by a blank line, then flushes.</summary>
    public static async Task WriteEventAsync(HttpContext context, string? eventName, string data, string newline = "\n")
    {
        var text = eventName is null
            ? $"data: {data}{newline}{newline}"
            : $"event: {eventName}{newline}data: {data}{newline}{newline}";
        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes raw bytes (e.g. one eventstream frame) and flushes.</summary>
    public static async Task WriteBytesAsync(HttpContext context, byte[] bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public static string RandomId(string prefix, int length)
    {
        return string.Create(prefix.Length + length, prefix, (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            for (var i = p.Length; i < span.Length; i++)
            {
                span[i] = Alphanumerics[Random.Shared.Next(Alphanumerics.Length)];
            }
        });
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The scripted failure a model name asks for: "ratelimit", "overloaded", "midstream" or null.</summary>
    public static string? FailureOf(string? model) =>
        model is null ? null
        : model.Contains("ratelimit", StringComparison.OrdinalIgnoreCase) ? "ratelimit"
        : model.Contains("overloaded", StringComparison.OrdinalIgnoreCase) ? "overloaded"
        : model.Contains("midstream", StringComparison.OrdinalIgnoreCase) ? "midstream"
        : null;

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
