using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// Independent decoders for checking what the fake providers send: SSE events and AWS eventstream frames (with a
/// bit-by-bit CRC-32, not the table the fake's writer uses).
/// </summary>
internal static class FakeProviderWire
{
    /// <summary>Splits an SSE body into (event name or null, data) pairs; <paramref name="newline"/> is "\n" or "\r\n".</summary>
    public static List<(string? Event, string Data)> Sse(string body, string newline = "\n")
    {
        var events = new List<(string?, string)>();
        foreach (var block in body.Split(newline + newline, StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new List<string>();
            foreach (var line in block.Split(newline))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
                else
                {
                    throw new FormatException($"Unexpected SSE line: {line}");
                }
            }

            events.Add((name, string.Join("\n", data)));
        }

        return events;
    }

    /// <summary>Decodes eventstream frames, failing on a bad length or either CRC.</summary>
    public static List<(Dictionary<string, string> Headers, JsonNode Payload)> Frames(byte[] bytes)
    {
        var frames = new List<(Dictionary<string, string>, JsonNode)>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var frame = bytes.AsSpan(offset);
            var total = (int)BinaryPrimitives.ReadUInt32BigEndian(frame);
            var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
            Assert.Equal(BitwiseCrc32(frame[..8]), BinaryPrimitives.ReadUInt32BigEndian(frame[8..]));
            Assert.Equal(BitwiseCrc32(frame[..(total - 4)]), BinaryPrimitives.ReadUInt32BigEndian(frame[(total - 4)..]));
            var headers = new Dictionary<string, string>();
            var h = 12;
            while (h < 12 + headersLength)
            {
                var name = Encoding.UTF8.GetString(frame.Slice(h + 1, frame[h]));
                h += 1 + frame[h];
                Assert.Equal(7, frame[h]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(frame[(h + 1)..]);
                headers[name] = Encoding.UTF8.GetString(frame.Slice(h + 3, length));
                h += 3 + length;
            }

            Assert.Equal(12 + headersLength, h);
            var payload = Encoding.UTF8.GetString(frame[h..(total - 4)]);
            frames.Add((headers, JsonNode.Parse(payload)!));
            offset += total;
        }

        return frames;
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected), one bit at a time.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
