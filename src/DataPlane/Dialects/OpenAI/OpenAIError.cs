using System.Text.Json;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Writes errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAIError
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Permission = "permission_error";
    public const string Billing = "billing_error";
    public const string Server = "server_error";
    public const string Upstream = "upstream_error";

    /// <summary>Messages keep quotes, apostrophes and non-ASCII text readable (the body is JSON, never HTML).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body as UTF-8 bytes.</summary>
    public static byte[] Serialize(string message, string type, string? param, string? code)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(writer, message, type, param, code);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <c>{"error":{...}}</c> as one JSON value.</summary>
    public static void WriteObject(Utf8JsonWriter writer, string message, string type, string? param, string? code)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        if (param is null)
        {
            writer.WriteNull("param");
        }
        else
        {
            writer.WriteString("param", param);
        }

        if (code is null)
        {
            writer.WriteNull("code");
        }
        else
        {
            writer.WriteString("code", code);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Sets the status and writes the error body.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message, string type, string? param = null, string? code = null) =>
        WriteRawAsync(context, status, Serialize(message, type, param, code));

    /// <summary>Writes an already-serialized OpenAI error body.</summary>
    public static async Task WriteRawAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
