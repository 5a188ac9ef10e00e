using System.Buffers.Binary;
using System.Text;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Encodes AWS eventstream frames (application/vnd.amazon.eventstream), all big-endian:
/// <c>total_len u32 | headers_len u32 | prelude_crc u32 | headers | payload | message_crc u32</c>, where prelude_crc is the
/// CRC-32 (IEEE, as zlib) of the first 8 bytes and message_crc the CRC-32 of everything before it. Headers are
/// <c>name_len u8 | name | 7 (string) | value_len u16 | value</c>.
/// </summary>
internal static class EventStreamWriter
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>An event frame: :event-type, :content-type application/json, :message-type event.</summary>
    public static byte[] Event(string eventType, string json) =>
        Frame([(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")], Encoding.UTF8.GetBytes(json));

    /// <summary>An exception frame: :exception-type, :content-type application/json, :message-type exception.</summary>
    public static byte[] Exception(string exceptionType, string json) =>
        Frame([(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")], Encoding.UTF8.GetBytes(json));

    /// <summary>One frame with string-typed (7) headers in the given order.</summary>
    public static byte[] Frame(IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> payload)
    {
        var headersLength = headers.Sum(h => 1 + Encoding.UTF8.GetByteCount(h.Name) + 1 + 2 + Encoding.UTF8.GetByteCount(h.Value));
        var total = 12 + headersLength + payload.Length + 4;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32(frame.AsSpan(0, 8)));
        var offset = 12;
        foreach (var (name, value) in headers)
        {
            frame[offset] = (byte)Encoding.UTF8.GetBytes(name, frame.AsSpan(offset + 1));
            offset += 1 + frame[offset];
            frame[offset++] = 7;
            var length = Encoding.UTF8.GetBytes(value, frame.AsSpan(offset + 2));
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)length);
            offset += 2 + length;
        }

        payload.CopyTo(frame.AsSpan(offset));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    /// <summary>CRC-32, IEEE polynomial (reflected 0xEDB88320), initial and final XOR 0xFFFFFFFF.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
