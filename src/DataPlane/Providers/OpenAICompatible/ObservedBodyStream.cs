using Switchyard.DataPlane.Chat;

using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Wraps a non-streaming upstream body: passes bytes through untouched, reporting them to the request's
/// <see cref="IResponseObserver"/> while keeping a bounded copy, and reads <c>usage</c> and the finish reason from it
/// at the end.
/// </summary>
public sealed class ObservedBodyStream(Stream inner, IResponseObserver observer, int maxObservedBytes = 1024 * 1024)
    : ReadOnlyRelayStream
{
    private readonly PooledBufferWriter _copy = new(16 * 1024);
    private bool _overflow;
    private bool _finished;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            observer.BodyWritten(buffer.Span[..read]);
            if (!_overflow && _copy.WrittenCount + read <= maxObservedBytes)
            {
                _copy.Write(buffer.Span[..read]);
            }
            else
            {
                _overflow = true;
            }
        }
        else if (!buffer.IsEmpty)
        {
            // A zero-byte read into an empty buffer only waits for data (the forwarder does this); it is not the end.
            Finish();
        }

        return read;
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (!_overflow && _copy.WrittenCount > 0)
        {
            var info = ChunkInspector.Inspect(_copy.WrittenSpan);
            if (info.HasUsage)
            {
                observer.UsageReported(info.Usage);
            }

            if (info.FinishReason is { } reason)
            {
                observer.Finished(reason);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The forwarder may stop at the promised Content-Length without a final zero-byte read.
            Finish();
            inner.Dispose();
            _copy.Dispose();
        }

        base.Dispose(disposing);
    }
}
