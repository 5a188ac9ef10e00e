using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Writes a streamed answer as OpenAI <c>chat.completion.chunk</c> events (<c>data: {json}\n\n</c>, no event names,
/// ending with <c>data: [DONE]</c>), flushing each canonical event as it arrives. Each choice opens with a role chunk;
/// with <c>include_usage</c> every chunk carries <c>"usage":null</c> and a <c>choices:[]</c> usage chunk precedes
/// [DONE]. An error before anything was written becomes an ordinary HTTP error.
/// </summary>
internal sealed class OpenAIStreamSink : IChatStreamSink, IDisposable
{
    private readonly HttpContext _context;
    private readonly OpenAIDialect _dialect;
    private readonly TimeProvider _time;
    private readonly IResponseObserver _observer;
    private readonly bool _includeUsage;
    private readonly OpenAIChunkWriter _writer;
    private bool[] _opened;
    private bool _begun;
    private bool _wrote;
    private bool _ended;
    private TokenUsage? _usage;

    public OpenAIStreamSink(HttpContext context, ChatRequest request, OpenAIDialect dialect, IResponseObserver observer, TimeProvider time)
    {
        _context = context;
        _dialect = dialect;
        _time = time;
        _observer = observer;
        _includeUsage = request.IncludeUsage;
        _writer = new OpenAIChunkWriter(request.Model, request.IncludeUsage);
        _opened = new bool[Math.Clamp(request.N ?? 1, 1, 128)];
    }

    public ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken)
    {
        Begin(id);
        return ValueTask.CompletedTask;
    }

    public ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        _observer.OutputStreamed(text.Length);
        return DeltaAsync(choice, "content"u8, text, cancellationToken);
    }

    public ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken)
    {
        _observer.OutputStreamed(text.Length);
        return DeltaAsync(choice, "reasoning_content"u8, text, cancellationToken);
    }

    public ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken)
    {
        Begin(null);
        _writer.ToolCall(choice, toolIndex, id, name, MarkOpened(choice));
        return SendAsync(cancellationToken);
    }

    public ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        if (fragment.Length == 0)
        {
            return ValueTask.CompletedTask;
        }

        _observer.OutputStreamed(fragment.Length);
        Begin(null);
        Open(choice);
        _writer.ToolArguments(choice, toolIndex, fragment);
        return SendAsync(cancellationToken);
    }

    public ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        Begin(null);
        Open(choice);
        _writer.Finish(choice, reason);
        if (choice == 0)
        {
            _observer.Finished(reason);
        }

        return SendAsync(cancellationToken);
    }

    public ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken)
    {
        _usage = usage;
        _observer.UsageReported(usage);
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        Begin(null);
        if (_includeUsage && _usage is { } usage)
        {
            _writer.Usage(usage);
        }

        _writer.Done();
        await SendAsync(cancellationToken);
        Dispose();
    }

    public async ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (!_wrote)
        {
            // Nothing reached the caller yet: answer with an ordinary HTTP error instead of a stream.
            Dispose();
            _context.Response.Headers.Remove("Cache-Control");
            await _dialect.WriteErrorAsync(_context, error);
            return;
        }

        var (status, type) = OpenAIDialect.MapError(error);
        _observer.Failed(status, error.Code ?? type);
        _writer.Error(error.Message, type, error.Param, error.Code);
        _writer.Done();
        await SendAsync(cancellationToken);
        Dispose();
    }

    /// <summary>Returns the pooled buffer (also registered with the response, for streams the caller abandoned).</summary>
    public void Dispose() => _writer.Dispose();

    private void Begin(string? id)
    {
        if (_begun)
        {
            return;
        }

        _begun = true;
        _writer.SetHeader(OpenAIIds.Completion(id), _time.GetUtcNow().ToUnixTimeSeconds());
        var response = _context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
    }

    private ValueTask DeltaAsync(int choice, ReadOnlySpan<byte> field, string text, CancellationToken cancellationToken)
    {
        Begin(null);
        Open(choice);
        if (text.Length > 0)
        {
            _writer.Delta(choice, field, text);
        }

        return SendAsync(cancellationToken);
    }

    /// <summary>Adds the choice's role chunk to the buffer unless the choice already has one.</summary>
    private void Open(int choice)
    {
        if (MarkOpened(choice))
        {
            _writer.Role(choice);
        }
    }

    /// <summary>Marks the choice as opened; true when this is its first chunk.</summary>
    private bool MarkOpened(int choice)
    {
        if (choice < 0)
        {
            return false;
        }

        if (choice >= _opened.Length)
        {
            Array.Resize(ref _opened, Math.Max(choice + 1, _opened.Length * 2));
        }

        var first = !_opened[choice];
        _opened[choice] = true;
        return first;
    }

    /// <summary>Sends what the buffer holds (nothing to do when empty) and flushes.</summary>
    private ValueTask SendAsync(CancellationToken cancellationToken)
    {
        var written = _writer.Written;
        if (written.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        _wrote = true;
        _observer.BodyWritten(written.Span);
        return SendCoreAsync(written, cancellationToken);
    }

    private async ValueTask SendCoreAsync(ReadOnlyMemory<byte> written, CancellationToken cancellationToken)
    {
        var body = _context.Response.Body;
        await body.WriteAsync(written, cancellationToken);
        _writer.Clear();
        await body.FlushAsync(cancellationToken);
    }
}
