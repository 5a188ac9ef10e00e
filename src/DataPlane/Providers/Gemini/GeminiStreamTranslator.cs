using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Translates <c>streamGenerateContent?alt=sse</c> into canonical stream events, event by event. Each event is a whole
/// <c>GenerateContentResponse</c>: text parts are deltas (thought parts are reasoning), function calls arrive whole (one
/// tool call plus one arguments fragment), <c>usageMetadata</c> is cumulative in every event, and <c>finishReason</c>
/// comes on a candidate's last event. There is no end marker: EOF after a finish completes the stream, EOF before one
/// is an error, and a <c>data: {"error":...}</c> event ends it with the mapped error.
/// </summary>
internal sealed class GeminiStreamTranslator(IChatStreamSink sink)
{
    private const int MaxChoices = 127;

    private readonly List<int> _toolCounts = [];
    private bool _started;
    private bool _finished;

    public async Task RunAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var reader = new SseReader(body);
        while (await reader.ReadAsync(cancellationToken) is { } sse)
        {
            if (sse.Data.IsEmpty || sse.IsDone)
            {
                continue;
            }

            using var document = JsonDocument.Parse(sse.Data);
            if (!await HandleAsync(document.RootElement, cancellationToken))
            {
                return;
            }
        }

        if (_finished)
        {
            await sink.CompleteAsync(cancellationToken);
        }
        else
        {
            await sink.ErrorAsync(GatewayError.Upstream("The upstream provider's stream ended early, before a finish reason."), cancellationToken);
        }
    }

    /// <summary>Handles one event; false when it ended the stream with an error.</summary>
    private async ValueTask<bool> HandleAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("A stream event is not a JSON object.");
        }

        if (root.TryGetProperty("error", out var error))
        {
            await sink.ErrorAsync(GeminiErrors.FromError(0, error, null), cancellationToken);
            return false;
        }

        var hasCandidates = root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array;
        if (!_started && !hasCandidates && GeminiResponseReader.BlockedPrompt(root) is { } blocked)
        {
            await sink.ErrorAsync(blocked, cancellationToken);
            return false;
        }

        if (!_started)
        {
            _started = true;
            await sink.StartAsync(GeminiWire.Str(root, "responseId"), GeminiWire.ModelVersion(root), cancellationToken);
        }

        if (hasCandidates)
        {
            var position = 0;
            foreach (var candidate in candidates.EnumerateArray())
            {
                var choice = candidate.TryGetProperty("index", out var index) && index.TryGetInt32(out var i) ? i : position;
                position++;
                await CandidateAsync(candidate, choice, cancellationToken);
            }
        }

        if (root.TryGetProperty("usageMetadata", out var usage))
        {
            await sink.UsageAsync(GeminiWire.ReadUsage(usage), cancellationToken);
        }

        return true;
    }

    private async ValueTask CandidateAsync(JsonElement candidate, int choice, CancellationToken cancellationToken)
    {
        if (choice is < 0 or > MaxChoices)
        {
            throw new InvalidDataException($"A stream event names candidate {choice}.");
        }

        while (_toolCounts.Count <= choice)
        {
            _toolCounts.Add(0);
        }

        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts)
            && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("functionCall", out var call))
                {
                    var tool = _toolCounts[choice]++;
                    await sink.ToolCallAsync(choice, tool, GeminiWire.NewToolCallId(GeminiWire.Str(part, "thoughtSignature")), GeminiWire.Str(call, "name") ?? "", cancellationToken);
                    await sink.ToolArgumentsAsync(choice, tool, GeminiWire.ArgumentsText(call), cancellationToken);
                }
                else if (GeminiWire.Str(part, "text") is { Length: > 0 } text)
                {
                    await (GeminiWire.IsTrue(part, "thought")
                        ? sink.ReasoningAsync(choice, text, cancellationToken)
                        : sink.TextAsync(choice, text, cancellationToken));
                }
            }
        }

        if (GeminiWire.Str(candidate, "finishReason") is { } reason)
        {
            _finished = true;
            await sink.FinishAsync(choice, GeminiWire.MapFinish(reason, _toolCounts[choice] > 0), null, cancellationToken);
        }
    }
}
