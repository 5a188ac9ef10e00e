using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The session a sticky route keeps on one deployment: the header <c>x-switchyard-session</c>, else the body's OpenAI
/// <c>user</c> or Anthropic <c>metadata.user_id</c>. Hashed (FNV-1a, 64 bits, over its UTF-8 bytes) so every node maps a
/// session to the same deployment; the body is scanned only for routes that are sticky.
/// </summary>
public static class SessionKey
{
    public const string Header = "x-switchyard-session";

    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The session's hash, or false when the request names no session.</summary>
    public static bool TryHash(GatewayContext context, out ulong hash)
    {
        if (context.Http.Request.Headers.TryGetValue(Header, out StringValues header) && header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            hash = HashText(header[0]!);
            return true;
        }

        return TryHashBody(context.Body.Span, out hash);
    }

    /// <summary>The hash of the top-level <c>user</c> string, else of <c>metadata.user_id</c>.</summary>
    public static bool TryHashBody(ReadOnlySpan<byte> body, out ulong hash)
    {
        hash = 0;
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("user"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                    {
                        hash = HashValue(ref reader);
                        return true;
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("user_id"u8) && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                            {
                                hash = HashValue(ref reader);
                                found = true; // a top-level user later in the body still wins
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // The parse stage accepted the body; a body this reader cannot follow simply names no session.
        }

        return found;
    }

    public static ulong HashText(string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        return Hash(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
    }

    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = Offset;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    private static ulong HashValue(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Hash(reader.ValueSpan);
        }

        return HashText(reader.GetString()!);
    }
}
