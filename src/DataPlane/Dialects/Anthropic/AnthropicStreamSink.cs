using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// Writes a canonical stream as Anthropic Messages events: <c>message_start</c> and <c>ping</c> on start, one content
/// block per text run, thinking run or tool call (indexes 0, 1, 2 ...), and <c>message_delta</c> + <c>message_stop</c>
/// held until the end because usage may arrive after the finish. Only choice 0 is written.
/// </summary>
internal sealed class AnthropicStreamSink : IChatStreamSink, IDisposable
{
    private readonly HttpContext _context;
    private readonly ChatRequest _request;
    private readonly AnthropicDialect _dialect;
    private readonly IResponseObserver _observer;
    private readonly AnthropicEventWriter _events = new();
    private readonly List<int> _toolBlocks = [];
    private TokenUsage _usage;
    private FinishReason _finish = FinishReason.Stop;
    private string? _stopSequence;
    private int _nextBlock;
    private int _openBlock = -1;
    private BlockKind _openKind;
    private bool _started;
    private bool _ended;

    public AnthropicStreamSink(HttpContext context, ChatRequest request, AnthropicDialect dialect, IResponseObserver observer)
    {
        _context = context;
        _request = request;
        _dialect = dialect;
        _observer = observer;
    }

    private enum BlockKind
    {
        None,
        Text,
        Thinking,
        Tool,
    }

    public async ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken)
    {
        if (_started || _ended)
        {
            return;
        }

        _started = true;
        var response = _context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["request-id"] = AnthropicIds.NewRequestId();

        var w = _events.Begin("message_start"u8);
        w.WriteStartObject("message");
        w.WriteString("id", AnthropicIds.MessageId(id));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", _request.Model);
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        AnthropicWire.WriteUsageFields(w, _usage, outputTokens: 1);
        w.WriteEndObject();
        w.WriteEndObject();
        _events.End();
        _events.Begin("ping"u8);
        _events.End();
        await FlushAsync(cancellationToken);
    }

    public ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        _observer.OutputStreamed(text.Length);
        return DeltaAsync(choice, BlockKind.Text, text, cancellationToken);
    }

    public ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken)
    {
        _observer.OutputStreamed(text.Length);
        return DeltaAsync(choice, BlockKind.Thinking, text, cancellationToken);
    }

    public async ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken)
    {
        if (choice != 0 || _ended)
        {
            return;
        }

        await EnsureStartedAsync(cancellationToken);
        CloseBlock();
        while (_toolBlocks.Count <= toolIndex)
        {
            _toolBlocks.Add(-1);
        }

        _toolBlocks[toolIndex] = _nextBlock;
        var w = OpenBlock(BlockKind.Tool);
        w.WriteString("type", "tool_use");
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteStartObject("input");
        w.WriteEndObject();
        _events.End();
        await FlushAsync(cancellationToken);
    }

    public async ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        if (choice != 0 || _ended || fragment.Length == 0 || toolIndex >= _toolBlocks.Count || _toolBlocks[toolIndex] < 0)
        {
            return;
        }

        _observer.OutputStreamed(fragment.Length);

        // A fragment for an earlier call (interleaved parallel calls) still goes to that call's own block index.
        var w = _events.BeginDelta(_toolBlocks[toolIndex]);
        w.WriteString("type", "input_json_delta");
        w.WriteString("partial_json", fragment);
        _events.End();
        await FlushAsync(cancellationToken);
    }

    public async ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        if (choice != 0 || _ended)
        {
            return;
        }

        _finish = reason;
        _stopSequence = stopSequence;
        _observer.Finished(reason);
        CloseBlock();
        await FlushAsync(cancellationToken);
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

        await EnsureStartedAsync(cancellationToken);
        _ended = true;
        CloseBlock();
        var w = _events.Begin("message_delta"u8);
        w.WriteStartObject("delta");
        AnthropicWire.WriteStop(w, _finish, _stopSequence);
        w.WriteEndObject();
        w.WriteStartObject("usage");
        AnthropicWire.WriteUsageFields(w, _usage, _usage.OutputTokens);
        w.WriteEndObject();
        _events.End();
        _events.Begin("message_stop"u8);
        _events.End();
        await FlushAsync(cancellationToken);
    }

    public async ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (!_started)
        {
            await _dialect.WriteErrorAsync(_context, error);
            return;
        }

        var (status, type) = AnthropicErrors.Map(error);
        _observer.Failed(status, error.Code ?? type);
        AnthropicErrors.WriteObject(_events.BeginRaw("error"u8), type, error.Message, error.Code, requestId: null);
        _events.End();
        await FlushAsync(cancellationToken);
    }

    public void Dispose() => _events.Dispose();

    private async ValueTask DeltaAsync(int choice, BlockKind kind, string text, CancellationToken cancellationToken)
    {
        if (choice != 0 || _ended || text.Length == 0)
        {
            return;
        }

        await EnsureStartedAsync(cancellationToken);
        if (_openKind != kind)
        {
            CloseBlock();
            var start = OpenBlock(kind);
            start.WriteString("type", kind == BlockKind.Text ? "text" : "thinking");
            start.WriteString(kind == BlockKind.Text ? "text" : "thinking", "");
            _events.End();
        }

        var w = _events.BeginDelta(_openBlock);
        w.WriteString("type", kind == BlockKind.Text ? "text_delta" : "thinking_delta");
        w.WriteString(kind == BlockKind.Text ? "text" : "thinking", text);
        _events.End();
        await FlushAsync(cancellationToken);
    }

    private ValueTask EnsureStartedAsync(CancellationToken cancellationToken) =>
        _started ? ValueTask.CompletedTask : StartAsync(null, null, cancellationToken);

    /// <summary>Opens the next block: <c>content_block_start</c> up to its open <c>content_block</c> object.</summary>
    private Utf8JsonWriter OpenBlock(BlockKind kind)
    {
        _openBlock = _nextBlock++;
        _openKind = kind;
        return _events.BeginBlockStart(_openBlock);
    }

    private void CloseBlock()
    {
        if (_openBlock < 0)
        {
            return;
        }

        _events.WriteBlockStop(_openBlock);
        _openBlock = -1;
        _openKind = BlockKind.None;
    }

    /// <summary>Sends the events of this call and flushes them to the caller.</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_events.IsEmpty)
        {
            return;
        }

        _observer.BodyWritten(_events.Written);
        await _events.FlushAsync(_context.Response.Body, cancellationToken);
    }
}
