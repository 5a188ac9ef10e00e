using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Providers.Upstream;

using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Wraps an upstream SSE body for the forwarder: yields whole events as they arrive (filtered by <see cref="SseUsageFilter"/>),
/// reports them, usage and failures to the request's <see cref="IResponseObserver"/>, and when the upstream fails mid-stream ends the caller's stream cleanly with
/// <c>data: {"error":...}</c> and <c>data: [DONE]</c> instead of a torn connection.
/// </summary>
public sealed class SseRelayStream : ReadOnlyRelayStream
{
    private readonly Stream _inner;
    private readonly IResponseObserver _observer;
    private readonly CancellationToken _callerAborted;
    private readonly SseUsageFilter _filter;
    private readonly PooledBufferWriter _output = new(8192);
    private readonly byte[] _scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _outputOffset;
    private bool _ended;
    private bool _disposed;
    private readonly TimeSpan _idleTimeout;
    private readonly UpstreamDeadline? _deadline;
    private CancellationTokenSource? _idle;
    private CancellationToken _idleLinkedTo;

    /// <param name="keepUsageChunk">The caller asked for <c>stream_options.include_usage</c>.</param>
    /// <param name="deadline">The route's total deadline: reached mid-stream, it ends the stream like the idle timeout.</param>
    public SseRelayStream(Stream inner, IResponseObserver observer, bool keepUsageChunk, CancellationToken callerAborted, TimeSpan idleTimeout, UpstreamDeadline? deadline = null)
    {
        _idleTimeout = idleTimeout;
        _deadline = deadline;
        _inner = inner;
        _observer = observer;
        _callerAborted = callerAborted;
        _filter = new SseUsageFilter(keepUsageChunk);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var available = _output.WrittenCount - _outputOffset;
            if (available > 0 && !buffer.IsEmpty)
            {
                var count = Math.Min(available, buffer.Length);
                var chunk = _output.WrittenMemory.Slice(_outputOffset, count);
                _observer.BodyWritten(chunk.Span);
                chunk.CopyTo(buffer);
                _outputOffset += count;
                return count;
            }

            if (available > 0)
            {
                // Zero-byte read: data is available.
                return 0;
            }

            _output.Clear();
            _outputOffset = 0;
            if (_ended)
            {
                return 0;
            }

            int read;
            try
            {
                read = await _inner.ReadAsync(_scratch, IdleToken(cancellationToken));
                _idle!.CancelAfter(Timeout.InfiniteTimeSpan);
            }
            catch (Exception ex) when (!_callerAborted.IsCancellationRequested && ex is IOException or OperationCanceledException or HttpRequestException)
            {
                EndWithError(ex is OperationCanceledException, null);
                continue;
            }

            if (read == 0)
            {
                _filter.Complete(_output);
                if (_filter.SawDone)
                {
                    Finish();
                }
                else if (_filter.SawError)
                {
                    // The upstream reported an error event and closed: end the stream properly for the SDKs.
                    _output.Write("data: [DONE]\n\n"u8);
                    Finish();
                    _observer.Failed(StatusCodes.Status502BadGateway, OpenAIError.Upstream);
                }
                else
                {
                    EndWithError(timedOut: false, "The upstream provider ended the stream before it was complete.");
                }

                continue;
            }

            if (_observer.MayCutOff)
            {
                ProcessEventByEvent(_scratch.AsSpan(0, read));
                continue;
            }

            _filter.Process(_scratch.AsSpan(0, read), _output);
            if (_filter.TakeOutputCharacters() is > 0 and var characters)
            {
                _observer.OutputStreamed(characters);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _inner.Dispose();
            _filter.Dispose();
            _output.Dispose();
            _idle?.Dispose();
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        base.Dispose(disposing);
    }

    /// <summary>The read's token, cancelled when the upstream stays silent longer than the idle timeout.</summary>
    private CancellationToken IdleToken(CancellationToken cancellationToken)
    {
        if (_idle is null || _idleLinkedTo != cancellationToken)
        {
            _idle?.Dispose();
            _idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _idleLinkedTo = cancellationToken;
        }

        _idle.CancelAfter(_deadline?.Cap(_idleTimeout) ?? _idleTimeout);
        return _idle.Token;
    }

    private void Finish()
    {
        _ended = true;
        if (_filter.HasUsage)
        {
            _observer.UsageReported(_filter.Usage);
        }

        if (_filter.FinishReason is { } reason)
        {
            _observer.Finished(reason);
        }

        if (_filter.SawError)
        {
            _observer.Failed(StatusCodes.Status502BadGateway, OpenAIError.Upstream);
        }
    }

    /// <summary>
    /// A stream that may be cut at its budget: the read is filtered one event at a time, so the cut comes right after the
    /// event whose output reached the budget, however many events one read brought.
    /// </summary>
    private void ProcessEventByEvent(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf("\n\n"u8);
            var take = end < 0 ? data.Length : end + 2;
            _filter.Process(data[..take], _output);
            data = data[take..];
            if (_filter.TakeOutputCharacters() is > 0 and var characters)
            {
                _observer.OutputStreamed(characters);
                if (_observer.CutOff is { } cut && !_filter.SawDone)
                {
                    EndWithBudget(cut);
                    return;
                }
            }
        }
    }

    /// <summary>The output reached the request's budget: the events so far go out, then the error event and [DONE]; the upstream is not read again.</summary>
    private void EndWithBudget(GatewayError cut)
    {
        _output.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(_output))
        {
            OpenAIError.WriteObject(writer, cut.Message, cut.Type ?? "insufficient_quota", null, cut.Code);
        }

        _output.Write("\n\n"u8);
        _output.Write("data: [DONE]\n\n"u8);
        Finish();
        _observer.Failed(cut.Status, cut.Code ?? "budget_exceeded");
    }

    private void EndWithError(bool timedOut, string? reason)
    {
        var code = timedOut ? "upstream_timeout" : OpenAIError.Upstream;
        var message = reason ?? (timedOut ? "The upstream provider stopped responding." : "The connection to the upstream provider failed.");
        _output.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(_output))
        {
            OpenAIError.WriteObject(writer, message, OpenAIError.Upstream, null, code);
        }

        _output.Write("\n\n"u8);
        if (!_filter.SawDone)
        {
            _output.Write(Encoding.ASCII.GetBytes("data: [DONE]\n\n"));
        }

        Finish();
        _observer.Failed(timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway, code);
    }
}
