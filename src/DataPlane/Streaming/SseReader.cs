using System.Buffers;
using System.IO.Pipelines;

namespace Switchyard.DataPlane.Streaming;

/// <summary>
/// Reads server-sent events incrementally from an upstream body as they arrive. Lines may end in LF, CRLF or CR
/// (Gemini uses CRLF); multi-line <c>data:</c> fields are joined with LF; comments and unknown fields are skipped.
/// HTTP chunk boundaries need not align with events, and every complete event is handed out as soon as it was read.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly PipeReader _reader;
    private readonly PooledBufferWriter _data = new(4096);
    private string? _event;
    private bool _hasData;
    private bool _skipLeadingLf;

    /// <summary>Bytes of the unfinished line at the buffer's start already searched for its end.</summary>
    private long _lineScanned;

    /// <summary>The longest line or event accepted from an upstream (a bound on memory, like Bedrock's frame cap).</summary>
    public const int MaxEventBytes = 16 * 1024 * 1024;

    /// <summary>Bytes searched for line ends so far (linear in the input; exposed for tests).</summary>
    internal long SearchedBytes { get; private set; }

    public SseReader(Stream stream) => _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(minimumReadSize: 4096, leaveOpen: true));

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        _data.Clear();
        _event = null;
        _hasData = false;
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryReadEvent(ref buffer))
            {
                // Only what the event used is consumed, and nothing more counts as examined: the next call dispatches
                // any complete events already buffered without waiting for the upstream's next bytes.
                _reader.AdvanceTo(buffer.Start);
                return new SseEvent(_event, _data.WrittenMemory);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);

            if (result.IsCompleted)
            {
                // A last event without its blank line still counts.
                return _hasData || _event is not null ? new SseEvent(_event, _data.WrittenMemory) : null;
            }
        }
    }

    private bool TryReadEvent(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            if (_skipLeadingLf && reader.IsNext((byte)'\n', advancePast: true))
            {
                _skipLeadingLf = false;
            }
            else if (_skipLeadingLf && !reader.End)
            {
                _skipLeadingLf = false;
            }

            var rest = buffer.Slice(reader.Position);
            var end = FindLineEnd(rest, _lineScanned);
            if (end < 0)
            {
                // Remember how far the unfinished line was searched, so a line arriving in many small reads is scanned once.
                _lineScanned = rest.Length;
                if (rest.Length > MaxEventBytes)
                {
                    throw new InvalidDataException($"An upstream event line exceeds {MaxEventBytes} bytes.");
                }

                buffer = rest;
                return false;
            }

            _lineScanned = 0;
            var line = rest.Slice(0, end);
            reader.Advance(end);

            reader.TryRead(out var delimiter);
            if (delimiter == (byte)'\r')
            {
                // CRLF: the LF may be in the next read.
                if (!reader.IsNext((byte)'\n', advancePast: true))
                {
                    _skipLeadingLf = reader.End;
                }
            }

            if (line.IsEmpty)
            {
                if (_hasData || _event is not null)
                {
                    buffer = buffer.Slice(reader.Position);
                    return true;
                }

                continue;
            }

            ProcessLine(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
        }
    }

    /// <summary>Offset of the first CR or LF at or after <paramref name="from"/>, or -1.</summary>
    private long FindLineEnd(ReadOnlySequence<byte> sequence, long from)
    {
        var offset = 0L;
        foreach (var segment in sequence)
        {
            var span = segment.Span;
            if (offset + span.Length > from)
            {
                var skip = (int)Math.Max(0, from - offset);
                var index = span[skip..].IndexOfAny((byte)'\r', (byte)'\n');
                SearchedBytes += index >= 0 ? index + 1 : span.Length - skip;
                if (index >= 0)
                {
                    return offset + skip + index;
                }
            }

            offset += span.Length;
        }

        return -1;
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)':')
        {
            return;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                _data.Write("\n"u8);
            }

            _data.Write(value);
            if (_data.WrittenCount > MaxEventBytes)
            {
                throw new InvalidDataException($"An upstream event exceeds {MaxEventBytes} bytes.");
            }
            _hasData = true;
        }
        else if (name.SequenceEqual("event"u8))
        {
            _event = EventName(value);
        }
    }

    private static string EventName(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("content_block_delta"u8) => "content_block_delta",
        _ when value.SequenceEqual("message_start"u8) => "message_start",
        _ when value.SequenceEqual("content_block_start"u8) => "content_block_start",
        _ when value.SequenceEqual("content_block_stop"u8) => "content_block_stop",
        _ when value.SequenceEqual("message_delta"u8) => "message_delta",
        _ when value.SequenceEqual("message_stop"u8) => "message_stop",
        _ when value.SequenceEqual("ping"u8) => "ping",
        _ when value.SequenceEqual("error"u8) => "error",
        _ => System.Text.Encoding.UTF8.GetString(value),
    };

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _data.Dispose();
    }
}
