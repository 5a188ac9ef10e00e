using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>Reads a request body once into pooled memory, enforcing a byte limit (Content-Length first, then while reading).</summary>
public static class RequestBodyReader
{
    /// <summary>Returns the body, or no value (<see cref="PooledBody.HasValue"/> false) when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<PooledBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return default;
        }

        // Our own limit governs; lift the server's default (30 MB) when ours is larger.
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize < maxBytes))
        {
            sizeFeature.MaxRequestBodySize = maxBytes + 1;
        }

        var initial = (int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1024, Math.Min(maxBytes + 1, 1 << 20));
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return default;
                }
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
