using System.Buffers.Binary;
using System.Text;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Decodes the header block of an event stream frame: <c>name_len u8 | name | type u8 | value</c>, with types
/// 0 true, 1 false, 2 byte, 3 int16, 4 int32, 5 int64, 6 bytes (u16 length), 7 string (u16 length, UTF-8),
/// 8 timestamp (int64 ms since the epoch), 9 uuid (16 bytes).
/// </summary>
internal static class EventStreamHeaders
{
    /// <summary>Names and values every Bedrock frame repeats, returned without allocating.</summary>
    private static readonly (byte[] Utf8, string Text)[] Known = Intern(
        ":event-type", ":content-type", ":message-type", ":exception-type", ":error-code", ":error-message",
        "event", "exception", "error", "application/json",
        "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata",
        "throttlingException", "validationException", "modelStreamErrorException", "internalServerException",
        "serviceUnavailableException");

    public static void Decode(ReadOnlySpan<byte> block, List<KeyValuePair<string, object>> headers)
    {
        var position = 0;
        while (position < block.Length)
        {
            int nameLength = block[position++];
            var name = Text(Take(block, ref position, nameLength));
            var type = Take(block, ref position, 1)[0];
            object value = type switch
            {
                0 => true,
                1 => false,
                2 => (sbyte)Take(block, ref position, 1)[0],
                3 => BinaryPrimitives.ReadInt16BigEndian(Take(block, ref position, 2)),
                4 => BinaryPrimitives.ReadInt32BigEndian(Take(block, ref position, 4)),
                5 => BinaryPrimitives.ReadInt64BigEndian(Take(block, ref position, 8)),
                6 => Take(block, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(block, ref position, 2))).ToArray(),
                7 => Text(Take(block, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(block, ref position, 2)))),
                8 => Timestamp(name, BinaryPrimitives.ReadInt64BigEndian(Take(block, ref position, 8))),
                9 => new Guid(Take(block, ref position, 16), bigEndian: true),
                _ => throw new InvalidDataException($"Event stream header '{name}' has unknown type {type}."),
            };
            headers.Add(KeyValuePair.Create(name, value));
        }
    }

    /// <summary>A timestamp header; one outside <see cref="DateTimeOffset"/>'s range is a malformed frame, not a crash.</summary>
    private static DateTimeOffset Timestamp(string name, long milliseconds) =>
        milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new InvalidDataException($"Event stream header '{name}' has a timestamp out of range ({milliseconds} ms).");

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> block, ref int position, int length)
    {
        if (length > block.Length - position)
        {
            throw new InvalidDataException("Event stream header runs past the header block.");
        }

        var slice = block.Slice(position, length);
        position += length;
        return slice;
    }

    private static string Text(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, text) in Known)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return text;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static (byte[], string)[] Intern(params string[] texts) =>
        texts.Select(t => (Encoding.UTF8.GetBytes(t), t)).ToArray();
}
