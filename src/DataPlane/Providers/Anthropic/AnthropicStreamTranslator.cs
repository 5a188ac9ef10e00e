using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Translates one Anthropic Messages event stream into canonical sink events as each event arrives
/// (provider-wire-formats §3.4, §5.3). Tool indexes count tool_use blocks (0, 1, ...), not Anthropic block indexes.
/// </summary>
internal sealed class AnthropicStreamTranslator(IChatStreamSink sink, string? jsonTool)
{
    private const int TextBlock = -1;
    private const int JsonTextBlock = -2;

    /// <summary>Anthropic block index → tool index, or <see cref="TextBlock"/> / <see cref="JsonTextBlock"/>.</summary>
    private readonly List<int> _blocks = [];
    private AnthropicUsage _usage;
    private int _tools;
    private bool _started;
    private bool _finished;

    public async Task RunAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var reader = new SseReader(body);
        while (await reader.ReadAsync(cancellationToken) is { } sse)
        {
            if (await OnEventAsync(sse, cancellationToken))
            {
                return;
            }
        }

        await sink.ErrorAsync(GatewayError.Upstream("The upstream stream ended early, before message_stop."), cancellationToken);
    }

    /// <summary>Handles one event; true once the stream is over (message_stop or error).</summary>
    private async ValueTask<bool> OnEventAsync(SseEvent sse, CancellationToken cancellationToken)
    {
        var name = sse.Event ?? TypeOf(sse.Data.Span);
        if (name == "content_block_delta")
        {
            await OnDeltaAsync(AnthropicDelta.Parse(sse.Data.Span), cancellationToken);
            return false;
        }

        if (name is "ping" or "content_block_stop" || sse.Data.IsEmpty)
        {
            return false;
        }

        using var document = JsonDocument.Parse(sse.Data);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A {name} event is not a JSON object.");
        }

        switch (name)
        {
            case "message_start":
                var message = root.TryGetProperty("message", out var m) ? m : default;
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("usage", out var startUsage))
                {
                    _usage.Read(startUsage);
                    await sink.UsageAsync(_usage.ToTokenUsage(), cancellationToken);
                }

                await StartAsync(UpstreamErrors.GetString(message, "id"), UpstreamErrors.GetString(message, "model"), cancellationToken);
                return false;
            case "content_block_start":
                await OnBlockStartAsync(root, cancellationToken);
                return false;
            case "message_delta":
                if (root.TryGetProperty("usage", out var usage))
                {
                    _usage.Read(usage);
                    await sink.UsageAsync(_usage.ToTokenUsage(), cancellationToken);
                }

                var delta = root.TryGetProperty("delta", out var d) ? d : default;
                if (UpstreamErrors.GetString(delta, "stop_reason") is { } stopReason)
                {
                    await FinishAsync(AnthropicStopReason.Map(stopReason), UpstreamErrors.GetString(delta, "stop_sequence"), cancellationToken);
                }

                return false;
            case "message_stop":
                await StartAsync(null, null, cancellationToken);
                if (!_finished)
                {
                    await FinishAsync(FinishReason.Stop, null, cancellationToken);
                }

                await sink.CompleteAsync(cancellationToken);
                return true;
            case "error":
                await sink.ErrorAsync(AnthropicErrors.FromStreamEvent(root), cancellationToken);
                return true;
            default:
                return false; // Unknown events are tolerated.
        }
    }

    private async ValueTask OnBlockStartAsync(JsonElement root, CancellationToken cancellationToken)
    {
        await StartAsync(null, null, cancellationToken);
        var index = root.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var value) ? value : _blocks.Count;
        var block = root.TryGetProperty("content_block", out var b) ? b : default;
        var kind = TextBlock;
        if (UpstreamErrors.GetString(block, "type") == "tool_use")
        {
            var name = UpstreamErrors.GetString(block, "name") ?? "";
            if (name == jsonTool)
            {
                kind = JsonTextBlock;
            }
            else
            {
                kind = _tools++;
                await sink.ToolCallAsync(0, kind, UpstreamErrors.GetString(block, "id") ?? "", name, cancellationToken);
            }
        }

        if (index < 0 || index > _blocks.Count + 1024)
        {
            index = _blocks.Count; // Block indexes count up from 0; never grow the map without bound.
        }

        while (_blocks.Count <= index)
        {
            _blocks.Add(TextBlock);
        }

        _blocks[index] = kind;
    }

    private async ValueTask OnDeltaAsync(AnthropicDelta delta, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(delta.Value))
        {
            return; // The first partial_json is often "".
        }

        await StartAsync(null, null, cancellationToken);
        switch (delta.Kind)
        {
            case AnthropicDeltaKind.Text:
                await sink.TextAsync(0, delta.Value, cancellationToken);
                break;
            case AnthropicDeltaKind.Thinking:
                await sink.ReasoningAsync(0, delta.Value, cancellationToken);
                break;
            case AnthropicDeltaKind.InputJson:
                var block = delta.Index >= 0 && delta.Index < _blocks.Count ? _blocks[delta.Index] : TextBlock;
                if (block >= 0)
                {
                    await sink.ToolArgumentsAsync(0, block, delta.Value, cancellationToken);
                }
                else if (block == JsonTextBlock)
                {
                    await sink.TextAsync(0, delta.Value, cancellationToken);
                }

                break;
        }
    }

    private async ValueTask FinishAsync(FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        await StartAsync(null, null, cancellationToken); // a message_delta before message_start still starts the stream first
        if (reason == FinishReason.ToolCalls && _tools == 0)
        {
            reason = FinishReason.Stop; // Only the emulated json_schema tool was called.
        }

        _finished = true;
        await sink.FinishAsync(0, reason, reason == FinishReason.StopSequence ? stopSequence : null, cancellationToken);
    }

    private ValueTask StartAsync(string? id, string? model, CancellationToken cancellationToken)
    {
        if (_started)
        {
            return ValueTask.CompletedTask;
        }

        _started = true;
        return sink.StartAsync(id, model, cancellationToken);
    }

    private static string? TypeOf(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }
}
