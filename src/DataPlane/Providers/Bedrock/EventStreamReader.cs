using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Pipelines;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Reads AWS event stream frames incrementally (frames do not align with HTTP chunks):
/// <c>total_len u32 | headers_len u32 | prelude_crc u32 | headers | payload | message_crc u32</c>, big-endian, both CRCs
/// CRC-32 (IEEE). A bad CRC, an impossible length or a malformed header throws <see cref="InvalidDataException"/>; the
/// stream ending inside a frame throws <see cref="EndOfStreamException"/>.
/// </summary>
public sealed class EventStreamReader(PipeReader reader, int maxMessageBytes = EventStreamReader.DefaultMaxMessageBytes) : IDisposable
{
    /// <summary>AWS caps a message at 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    private const int PreludeBytes = 12;
    private const int OverheadBytes = 16;

    private readonly EventStreamMessage _message = new();
    private byte[] _frame = ArrayPool<byte>.Shared.Rent(4096);

    /// <summary>The next message, or null when the stream ended cleanly between frames.</summary>
    public async ValueTask<EventStreamMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var length = FrameLength(buffer);
            if (length > 0 && buffer.Length >= length)
            {
                var frame = Rent(length);
                buffer.Slice(0, length).CopyTo(frame);
                reader.AdvanceTo(buffer.GetPosition(length));
                Decode(frame.AsSpan(0, length));
                return _message;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty
                    ? null
                    : throw new EndOfStreamException($"The event stream ended inside a frame ({buffer.Length} bytes of it arrived).");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose()
    {
        var frame = _frame;
        _frame = [];
        if (frame.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>The frame's total length once its prelude arrived and checked out; 0 while the prelude is incomplete.</summary>
    private int FrameLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < PreludeBytes)
        {
            return 0;
        }

        Span<byte> prelude = stackalloc byte[PreludeBytes];
        buffer.Slice(0, PreludeBytes).CopyTo(prelude);
        var total = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headers = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        if (Crc32.HashToUInt32(prelude[..8]) != BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]))
        {
            throw new InvalidDataException("Event stream prelude CRC mismatch.");
        }

        if (total < OverheadBytes || total > maxMessageBytes || headers > total - OverheadBytes)
        {
            throw new InvalidDataException($"Event stream frame has impossible lengths (total {total}, headers {headers}).");
        }

        return (int)total;
    }

    private byte[] Rent(int length)
    {
        if (_frame.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_frame);
            _frame = ArrayPool<byte>.Shared.Rent(length);
        }

        return _frame;
    }

    private void Decode(ReadOnlySpan<byte> frame)
    {
        var expected = BinaryPrimitives.ReadUInt32BigEndian(frame[^4..]);
        if (Crc32.HashToUInt32(frame[..^4]) != expected)
        {
            throw new InvalidDataException("Event stream message CRC mismatch.");
        }

        var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
        _message.HeaderList.Clear();
        EventStreamHeaders.Decode(frame.Slice(PreludeBytes, headersLength), _message.HeaderList);
        var payloadStart = PreludeBytes + headersLength;
        _message.Payload = _frame.AsMemory(payloadStart, frame.Length - payloadStart - 4);
    }
}
