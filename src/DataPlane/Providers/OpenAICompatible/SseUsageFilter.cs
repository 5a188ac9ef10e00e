using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Incremental filter over an OpenAI chat completions SSE stream: splits events across arbitrary reads, forwards
/// whole events unchanged, captures usage, and drops the usage-only chunk (<c>"choices":[]</c>) unless the caller asked for it.
/// </summary>
public sealed class SseUsageFilter(bool keepUsageChunk) : IDisposable
{
    private static ReadOnlySpan<byte> DataPrefix => "data:"u8;

    private static ReadOnlySpan<byte> Done => "[DONE]"u8;

    private readonly PooledBufferWriter _pending = new(8192);
    private int _scanned;

    public bool HasUsage { get; private set; }

    public int PromptTokens { get; private set; }

    public int CompletionTokens { get; private set; }

    /// <summary>The last usage reported, with its cached and reasoning details.</summary>
    public Chat.TokenUsage Usage { get; private set; }

    /// <summary>Characters of output text in the events processed since the last <see cref="TakeOutputCharacters"/>.</summary>
    private int _outputCharacters;

    /// <summary>Returns and resets the output characters counted so far.</summary>
    public int TakeOutputCharacters()
    {
        var characters = _outputCharacters;
        _outputCharacters = 0;
        return characters;
    }

    public bool SawDone { get; private set; }

    public bool SawError { get; private set; }

    /// <summary>The first choice's finish reason, once a chunk carried it.</summary>
    public Chat.FinishReason? FinishReason { get; private set; }

    /// <summary>Consumes <paramref name="input"/>; writes the complete events to forward into <paramref name="output"/>.</summary>
    public void Process(ReadOnlySpan<byte> input, PooledBufferWriter output)
    {
        _pending.Write(input);
        var consumed = 0;
        while (true)
        {
            var end = FindEventEnd(_pending.WrittenSpan, Math.Max(consumed, _scanned));
            if (end < 0)
            {
                break;
            }

            var evt = _pending.WrittenSpan[consumed..end];
            if (ShouldForward(evt))
            {
                output.Write(evt);
            }

            consumed = end;
        }

        _pending.Consume(consumed);
        _scanned = Math.Max(0, _pending.WrittenCount - 2);
    }

    /// <summary>The upstream ended: forwards any incomplete trailing bytes as they are.</summary>
    public void Complete(PooledBufferWriter output)
    {
        if (_pending.WrittenCount > 0)
        {
            if (ShouldForward(_pending.WrittenSpan))
            {
                output.Write(_pending.WrittenSpan);
            }

            _pending.Clear();
        }
    }

    public void Dispose() => _pending.Dispose();

    /// <summary>End (exclusive) of the first event ending at a blank line at or after <paramref name="start"/>; -1 if none.</summary>
    internal static int FindEventEnd(ReadOnlySpan<byte> data, int start)
    {
        for (var i = Math.Max(start, 0); i < data.Length; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < data.Length && data[i + 1] == (byte)'\n')
            {
                return i + 2;
            }

            if (i + 2 < data.Length && data[i + 1] == (byte)'\r' && data[i + 2] == (byte)'\n')
            {
                return i + 3;
            }
        }

        return -1;
    }

    private bool ShouldForward(ReadOnlySpan<byte> evt)
    {
        var payload = DataPayload(evt);
        if (payload.IsEmpty)
        {
            return true;
        }

        if (payload.SequenceEqual(Done))
        {
            SawDone = true;
            return true;
        }

        var info = ChunkInspector.Inspect(payload);
        SawError |= info.HasError;
        FinishReason ??= info.FinishReason;
        _outputCharacters += info.OutputCharacters;
        if (info.HasUsage)
        {
            HasUsage = true;
            PromptTokens = info.PromptTokens;
            CompletionTokens = info.CompletionTokens;
            Usage = info.Usage;
        }

        return keepUsageChunk || !(info.HasUsage && info.EmptyChoices);
    }

    /// <summary>The value of the event's first <c>data:</c> line (trimmed).</summary>
    private static ReadOnlySpan<byte> DataPayload(ReadOnlySpan<byte> evt)
    {
        while (!evt.IsEmpty)
        {
            var newline = evt.IndexOf((byte)'\n');
            var line = newline < 0 ? evt : evt[..newline];
            if (line.StartsWith(DataPrefix))
            {
                return line[DataPrefix.Length..].Trim((byte)' ').TrimEnd((byte)'\r');
            }

            evt = newline < 0 ? default : evt[(newline + 1)..];
        }

        return default;
    }
}
