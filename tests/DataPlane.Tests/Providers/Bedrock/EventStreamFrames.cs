using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

/// <summary>Event stream test data: the fixture frames, and an encoder for frames the fixtures do not have.</summary>
internal static class EventStreamFrames
{
    /// <summary>The 10 frames of bedrock-conversestream.bin, split by their total_len.</summary>
    public static List<byte[]> Conversation() => Split(Fixture.Bytes("bedrock-conversestream.bin"));

    /// <summary>The throttlingException frame of bedrock-conversestream-exception.hex.</summary>
    public static byte[] ThrottlingException() => Convert.FromHexString(Fixture.Text("bedrock-conversestream-exception.hex").Trim());

    public static List<byte[]> Split(byte[] stream)
    {
        var frames = new List<byte[]>();
        for (var offset = 0; offset < stream.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(offset));
            frames.Add(stream[offset..(offset + length)]);
            offset += length;
        }

        return frames;
    }

    /// <summary>Encodes one frame from raw header bytes (name_len | name | type | value ...) and a payload.</summary>
    public static byte[] Encode(byte[] headers, byte[] payload)
    {
        var total = 16 + headers.Length + payload.Length;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        headers.CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32.HashToUInt32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    /// <summary>Header bytes: name, type, then the value bytes as given.</summary>
    public static byte[] Header(string name, byte type, params byte[] value) =>
        [(byte)name.Length, .. Encoding.UTF8.GetBytes(name), type, .. value];

    /// <summary>A string (type 7) header.</summary>
    public static byte[] StringHeader(string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return Header(name, 7, [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes]);
    }
}
