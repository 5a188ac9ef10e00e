using System.IO.Pipelines;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Translates a ConverseStream body into sink events, frame by frame: messageStart → start; contentBlockStart with a
/// toolUse → a tool call (numbered per call, not per block); contentBlockDelta text / toolUse.input /
/// reasoningContent.text → deltas; messageStop → finish; metadata.usage → usage, then complete. An exception frame
/// ends the stream with the mapped error; EOF before messageStop is an error.
/// </summary>
internal sealed class BedrockStreamTranslator(IChatStreamSink sink, string? upstreamModel)
{
    private Dictionary<int, int>? _toolByBlock;
    private bool _started;
    private bool _stopped;

    /// <summary>Reads with <paramref name="readToken"/> (the upstream's), writes with <paramref name="cancellationToken"/> (the caller's).</summary>
    public async Task RunAsync(Stream body, CancellationToken readToken, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        using var reader = new EventStreamReader(pipe);
        try
        {
            while (await reader.ReadAsync(readToken) is { } message)
            {
                if (message.MessageType is "exception" or "error")
                {
                    var error = message.MessageType == "exception"
                        ? BedrockErrors.FromStreamException(message.ExceptionType, message.Payload.Span)
                        : GatewayError.Upstream($"The upstream provider failed mid-stream: {message.GetString(":error-code")} {message.GetString(":error-message")}");
                    await sink.ErrorAsync(error, cancellationToken);
                    return;
                }

                if (await OnEventAsync(message.EventType, message.Payload, cancellationToken))
                {
                    return;
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }

        if (_stopped)
        {
            await sink.CompleteAsync(cancellationToken);
        }
        else
        {
            await sink.ErrorAsync(GatewayError.Upstream("The upstream provider's stream ended early."), cancellationToken);
        }
    }

    /// <summary>Handles one event; true once the stream is complete.</summary>
    private async ValueTask<bool> OnEventAsync(string? eventType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"The {eventType} event's payload is not a JSON object.");
        }

        switch (eventType)
        {
            case "messageStart":
                await EnsureStartedAsync(cancellationToken);
                break;
            case "contentBlockStart":
                if (Obj(root, "start") is { } start && Obj(start, "toolUse") is { } toolUse)
                {
                    await EnsureStartedAsync(cancellationToken);
                    _toolByBlock ??= [];
                    var index = _toolByBlock.Count;
                    _toolByBlock[BlockIndex(root)] = index;
                    var id = Str(toolUse, "toolUseId") is { Length: > 0 } given ? given : BedrockIds.NewCallId();
                    await sink.ToolCallAsync(0, index, id, Str(toolUse, "name") ?? "", cancellationToken);
                }

                break;
            case "contentBlockDelta" when Obj(root, "delta") is { } delta:
                await OnDeltaAsync(BlockIndex(root), delta, cancellationToken);
                break;
            case "messageStop":
                await EnsureStartedAsync(cancellationToken);
                _stopped = true;
                await sink.FinishAsync(0, BedrockResponseReader.MapStopReason(Str(root, "stopReason")), null, cancellationToken);
                break;
            case "metadata":
                if (Obj(root, "usage") is { } usage)
                {
                    await sink.UsageAsync(BedrockResponseReader.ReadUsage(usage), cancellationToken);
                }

                if (_stopped)
                {
                    await sink.CompleteAsync(cancellationToken);
                    return true;
                }

                break;
        }

        return false;
    }

    private async ValueTask OnDeltaAsync(int block, JsonElement delta, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken);
        if (Str(delta, "text") is { Length: > 0 } text)
        {
            await sink.TextAsync(0, text, cancellationToken);
        }
        else if (Obj(delta, "toolUse") is { } toolUse && Str(toolUse, "input") is { Length: > 0 } fragment
            && _toolByBlock is not null && _toolByBlock.TryGetValue(block, out var tool))
        {
            await sink.ToolArgumentsAsync(0, tool, fragment, cancellationToken);
        }
        else if (Obj(delta, "reasoningContent") is { } reasoning && Str(reasoning, "text") is { Length: > 0 } thought)
        {
            await sink.ReasoningAsync(0, thought, cancellationToken);
        }
    }

    private async ValueTask EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await sink.StartAsync(null, upstreamModel, cancellationToken);
        }
    }

    private static int BlockIndex(JsonElement root) =>
        root.TryGetProperty("contentBlockIndex", out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var value) ? value : -1;

    private static JsonElement? Obj(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
