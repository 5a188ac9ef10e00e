using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Translates an OpenAI Chat Completions SSE stream into canonical sink events, event by event as the bytes arrive.
/// The first chunk starts the stream (Azure's first chunk has <c>choices:[]</c> and an empty id); content, reasoning
/// (<c>reasoning_content</c>, Ollama's <c>reasoning</c>) and tool-call deltas follow; <c>finish_reason</c> finishes a
/// choice; usage comes from the <c>choices:[]</c> usage chunk or Groq's <c>x_groq.usage</c>; <c>[DONE]</c> (or the end of
/// the body after a finish) completes it. A <c>data: {"error":…}</c> event ends it with the mapped error.
/// </summary>
internal sealed class OpenAIStreamReader(IChatStreamSink sink, CancellationToken cancellationToken)
{
    /// <summary>Choice and tool indexes beyond this are nonsense (OpenAI allows at most 128 choices).</summary>
    private const int MaxIndex = 1024;

    private readonly List<ChoiceState> _choices = [];
    private bool _started;
    private bool _finished;

    /// <param name="readToken">Cancels body reads (the upstream activity timeout linked with the caller's cancellation).</param>
    public async Task ReadAsync(Stream body, CancellationToken readToken)
    {
        await using var events = new SseReader(body);
        while (await events.ReadAsync(readToken) is { } sse)
        {
            if (sse.IsDone)
            {
                await EndAsync(done: true);
                return;
            }

            if (sse.Data.IsEmpty)
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(sse.Data);
            if (chunk.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("A stream event is not a JSON object.");
            }

            if (OpenAIErrorReader.IsError(chunk.RootElement))
            {
                await sink.ErrorAsync(OpenAIErrorReader.FromErrorObject(chunk.RootElement), cancellationToken);
                return;
            }

            await ChunkAsync(chunk.RootElement);
        }

        await EndAsync(done: false);
    }

    private async ValueTask ChunkAsync(JsonElement chunk)
    {
        if (!_started)
        {
            _started = true;
            await sink.StartAsync(OpenAIWire.String(chunk, "id"u8), OpenAIWire.String(chunk, "model"u8), cancellationToken);
        }

        if (chunk.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                await ChoiceAsync(choice);
            }
        }

        if (OpenAIWire.Child(chunk, "usage"u8) is { ValueKind: JsonValueKind.Object } usage)
        {
            await sink.UsageAsync(OpenAIWire.ReadUsage(usage), cancellationToken);
        }
        else if (OpenAIWire.Child(OpenAIWire.Child(chunk, "x_groq"u8), "usage"u8) is { ValueKind: JsonValueKind.Object } groqUsage)
        {
            await sink.UsageAsync(OpenAIWire.ReadUsage(groqUsage), cancellationToken);
        }
    }

    private async ValueTask ChoiceAsync(JsonElement choice)
    {
        var index = OpenAIWire.Int(choice, "index"u8) ?? 0;
        var state = State(index);
        state.Seen = true;
        var delta = OpenAIWire.Child(choice, "delta"u8);
        if ((OpenAIWire.String(delta, "reasoning_content"u8) ?? OpenAIWire.String(delta, "reasoning"u8)) is { Length: > 0 } reasoning)
        {
            await sink.ReasoningAsync(index, reasoning, cancellationToken);
        }

        if (OpenAIWire.String(delta, "content"u8) is { Length: > 0 } text)
        {
            await sink.TextAsync(index, text, cancellationToken);
        }

        if (OpenAIWire.String(delta, "refusal"u8) is { Length: > 0 } refusal)
        {
            await sink.TextAsync(index, refusal, cancellationToken);
        }

        if (delta.ValueKind == JsonValueKind.Object && delta.TryGetProperty("tool_calls"u8, out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                await ToolCallAsync(index, state, OpenAIWire.Int(call, "index"u8), OpenAIWire.String(call, "id"u8), OpenAIWire.Child(call, "function"u8));
            }
        }

        if (OpenAIWire.Child(delta, "function_call"u8) is { ValueKind: JsonValueKind.Object } legacy)
        {
            await ToolCallAsync(index, state, 0, null, legacy);
        }

        if (OpenAIWire.String(choice, "finish_reason"u8) is { } reason && !state.Finished)
        {
            state.Finished = true;
            _finished = true;
            var finish = OpenAIWire.MapFinish(choice, reason, state.OpenTools.Count > 0, out var stopSequence);
            await sink.FinishAsync(index, finish, stopSequence, cancellationToken);
        }
    }

    /// <summary>A delta with an id or name opens a call at its upstream index; argument fragments follow (Ollama sends a whole call at once).</summary>
    private async ValueTask ToolCallAsync(int choice, ChoiceState state, int? upstreamIndex, string? id, JsonElement function)
    {
        var name = OpenAIWire.String(function, "name"u8);
        var opens = id is { Length: > 0 } || name is not null;
        int tool;
        if (upstreamIndex is { } index)
        {
            tool = index is >= 0 and < MaxIndex ? index : throw new InvalidDataException($"Tool call index {index} is out of range.");
        }
        else
        {
            tool = state.OpenTools.Count == 0 ? 0 : opens ? state.OpenTools.Max() + 1 : state.OpenTools[^1];
        }

        if (!state.OpenTools.Contains(tool))
        {
            state.OpenTools.Add(tool);
            await sink.ToolCallAsync(choice, tool, id is { Length: > 0 } ? id : OpenAIWire.NewToolCallId(), name ?? "", cancellationToken);
        }

        if (OpenAIWire.Arguments(function) is { Length: > 0 } arguments)
        {
            await sink.ToolArgumentsAsync(choice, tool, arguments, cancellationToken);
        }
    }

    private async ValueTask EndAsync(bool done)
    {
        if (!_started || (!done && !_finished))
        {
            await sink.ErrorAsync(GatewayError.Upstream("The upstream provider's stream ended early."), cancellationToken);
            return;
        }

        // [DONE] without a finish_reason: end the open choices as a natural stop.
        if (!_finished)
        {
            State(0).Seen = true;
        }

        for (var i = 0; i < _choices.Count; i++)
        {
            if (_choices[i] is { Seen: true, Finished: false } open)
            {
                open.Finished = true;
                await sink.FinishAsync(i, open.OpenTools.Count > 0 ? FinishReason.ToolCalls : FinishReason.Stop, null, cancellationToken);
            }
        }

        await sink.CompleteAsync(cancellationToken);
    }

    private ChoiceState State(int index)
    {
        if (index is < 0 or >= MaxIndex)
        {
            throw new InvalidDataException($"Choice index {index} is out of range.");
        }

        while (_choices.Count <= index)
        {
            _choices.Add(new ChoiceState());
        }

        return _choices[index];
    }

    private sealed class ChoiceState
    {
        public bool Seen { get; set; }

        public bool Finished { get; set; }

        /// <summary>Tool indexes opened so far, in order.</summary>
        public List<int> OpenTools { get; } = [];
    }
}
