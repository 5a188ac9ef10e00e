using System.Net;
using System.Net.Http.Headers;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>
/// A JSON request body held in pooled memory. The memory goes back to the pool when the request is disposed, but never
/// while the handler is still sending it (HTTP/2 may go on sending after the response headers arrived): then the send
/// returns it when it ends.
/// </summary>
internal sealed class PooledJsonContent : HttpContent
{
    private const int Idle = 0;
    private const int Sending = 1;
    private const int Disposed = 2;

    private readonly PooledBufferWriter _body;
    private int _state;

    public PooledJsonContent(PooledBufferWriter body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Interlocked.CompareExchange(ref _state, Sending, Idle) != Idle, this);
        try
        {
            await stream.WriteAsync(_body.WrittenMemory, cancellationToken);
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Sending) == Disposed)
            {
                _body.Dispose();
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _state, Disposed) == Idle)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
