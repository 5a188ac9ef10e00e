using System.Buffers;

namespace Switchyard.Shared.Http;

/// <summary>
/// Reads an upstream answer's body within a byte limit (error bodies, a guardrail's verdict): the buffer grows with what
/// arrives (from the declared length when there is one), so a small answer never costs the limit, and nothing past the
/// limit is read.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body's first <paramref name="maxBytes"/> bytes; a longer body is cut there.</summary>
    public static async Task<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken) =>
        (await ReadAsync(content, maxBytes, cancellationToken)).Bytes;

    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadWholeAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, cut) = await ReadAsync(content, maxBytes, cancellationToken);
        return cut ? null : bytes;
    }

    private static async Task<(byte[] Bytes, bool Cut)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        // One byte past the limit tells a body of exactly the limit from a longer one.
        var capacity = maxBytes + 1;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(content.Headers.ContentLength + 1 ?? 4096, 1, Math.Min(capacity, 64 * 1024)));
        var length = 0;
        try
        {
            int read;
            while (length < capacity && (read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, capacity) - length), cancellationToken)) > 0)
            {
                length += read;
                if (length == buffer.Length && length < capacity)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, capacity));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }

            return length > maxBytes ? (buffer[..maxBytes], true) : (buffer[..length], false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
