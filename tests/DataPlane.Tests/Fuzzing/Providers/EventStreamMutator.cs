using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Tests.Providers.Bedrock;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// Mutates recorded Bedrock event streams at the frame level and re-encodes them with correct CRCs, so the mutation
/// reaches the header decoder and the payload reader rather than stopping at the checksum: payload JSON mutated,
/// header values swapped, header types confused (every type 0–9 with any value, including timestamps beyond any date,
/// and unknown types), garbage header blocks, frames dropped, repeated or swapped, preludes claiming impossible
/// lengths; and sometimes raw byte damage or truncation of the encoded stream, where the CRCs must catch it.
/// </summary>
internal sealed class EventStreamMutator
{
    private static readonly string[] EventTypes =
    [
        "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata", "unknownEvent", "",
    ];

    private static readonly string[] HeaderNames = [":event-type", ":message-type", ":exception-type", ":content-type", ":error-code", ":error-message", "x"];

    private static readonly string[] MessageTypes = ["event", "exception", "error", "other"];

    private readonly List<List<Frame>> _streams;
    private readonly JsonMutator _json;

    public EventStreamMutator()
    {
        _streams = [Frames("bedrock-conversestream-events.jsonl"), Frames("bedrock-conversestream-exception.jsonl")];
        _json = new JsonMutator([.. _streams.SelectMany(s => s).Select(f => f.Payload)]);
    }

    /// <summary>A conversation with its exception frame appended sometimes.</summary>
    public (byte[] Bytes, string Recipe) Next(Random random)
    {
        var frames = _streams[0].ToList();
        var recipe = new List<string>();
        if (random.Next(4) == 0)
        {
            frames.Insert(random.Next(frames.Count + 1), _streams[1][0]);
            recipe.Add("exception frame inserted");
        }

        byte[]? prelude = null;
        var ops = random.Next(1, 4);
        for (var i = 0; i < ops; i++)
        {
            var at = random.Next(frames.Count);
            var frame = frames[at];
            switch (random.Next(12))
            {
                case < 4:
                    frames[at] = frame with { Payload = _json.MutateStructure(random, frame.Payload, recipe) };
                    recipe[^1] = $"frame {at} payload: {recipe[^1]}";
                    break;
                case 4:
                    var name = HeaderNames[random.Next(HeaderNames.Length)];
                    var value = name == ":message-type" ? MessageTypes[random.Next(MessageTypes.Length)] : EventTypes[random.Next(EventTypes.Length)];
                    recipe.Add($"frame {at} header {name} = '{value}'");
                    frames[at] = frame.With(Header.String(name, value));
                    break;
                case 5 or 6:
                    var typed = RandomHeader(random, frame.Headers[random.Next(frame.Headers.Count)].Name);
                    recipe.Add($"frame {at} header {typed}");
                    frames[at] = frame.With(typed);
                    break;
                case 7:
                    var garbage = new byte[random.Next(0, 48)];
                    random.NextBytes(garbage);
                    recipe.Add($"frame {at} header block {Convert.ToHexString(garbage)}");
                    frames[at] = frame with { RawHeaders = garbage };
                    break;
                case 8:
                    recipe.Add($"drop frame {at}");
                    frames.RemoveAt(at);
                    break;
                case 9:
                    recipe.Add($"repeat frame {at}");
                    frames.Insert(at, frame);
                    break;
                case 10:
                    var other = random.Next(frames.Count);
                    recipe.Add($"swap frames {at} and {other}");
                    (frames[at], frames[other]) = (frames[other], frames[at]);
                    break;
                default:
                    uint total = random.Next(4) switch
                    {
                        0 => (uint)random.Next(0, 16),
                        1 => (uint)random.Next(16, 200),
                        2 => 16 * 1024 * 1024 + (uint)random.Next(1, 100),
                        _ => (uint)random.NextInt64(0, uint.MaxValue),
                    };
                    var headers = random.Next(2) == 0 ? (uint)random.Next(0, 64) : (uint)random.NextInt64(0, uint.MaxValue);
                    prelude = new byte[12];
                    BinaryPrimitives.WriteUInt32BigEndian(prelude, total);
                    BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(4), headers);
                    BinaryPrimitives.WriteUInt32BigEndian(prelude.AsSpan(8), Crc32.HashToUInt32(prelude.AsSpan(0, 8)));
                    recipe.Add($"prelude (total {total}, headers {headers}) with a valid CRC appended");
                    break;
            }
        }

        var bytes = frames.SelectMany(f => f.Encode()).Concat(prelude ?? []).ToArray();
        if (random.Next(8) == 0 && bytes.Length > 0)
        {
            bytes = random.Next(2) == 0 ? JsonMutator.MutateBytes(random, bytes, recipe) : bytes[..random.Next(bytes.Length)];
            recipe.Add("raw damage");
        }

        return (bytes, string.Join("; ", recipe));
    }

    private static Header RandomHeader(Random random, string name)
    {
        var type = random.Next(12) switch { 10 => (byte)random.Next(10, 256), 11 => (byte)7, var t => (byte)t };
        byte[] value = type switch
        {
            0 or 1 => [],
            2 => [(byte)random.Next(256)],
            3 => Bytes(random, 2),
            4 => Bytes(random, 4),
            5 or 8 => Int64(random),
            6 or 7 => random.Next(3) switch
            {
                0 => [0xFF, 0xFF, .. Bytes(random, random.Next(0, 8))], // length beyond the block
                1 => [0x00, 0x03, 0xC3, 0x28, 0xFF], // not UTF-8
                _ => [0x00, 0x02, (byte)'o', (byte)'k'],
            },
            9 => Bytes(random, random.Next(2) == 0 ? 16 : random.Next(0, 16)),
            _ => Bytes(random, random.Next(0, 8)),
        };
        return new Header(name, type, value);
    }

    private static byte[] Int64(Random random)
    {
        long[] interesting = [long.MaxValue, long.MinValue, 0, -1, 253402300799999, 253402300800000, -62135596800000, -62135596800001];
        var value = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : random.NextInt64(long.MinValue, long.MaxValue);
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static List<Frame> Frames(string fixture) =>
        [.. Fixture.Text(fixture).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var headers = document.RootElement.GetProperty("headers").EnumerateObject().Select(h => Header.String(h.Name, h.Value.GetString()!)).ToList();
            return new Frame(headers, Encoding.UTF8.GetBytes(document.RootElement.GetProperty("payload").GetRawText()), null);
        })];

    /// <summary>One header as encoded: name, type byte, value bytes (with their length prefix for types 6 and 7).</summary>
    private sealed record Header(string Name, byte Type, byte[] Value)
    {
        public static Header String(string name, string value)
        {
            var text = Encoding.UTF8.GetBytes(value);
            return new Header(name, 7, [(byte)(text.Length >> 8), (byte)text.Length, .. text]);
        }

        public byte[] Encode() => [(byte)Encoding.UTF8.GetByteCount(Name), .. Encoding.UTF8.GetBytes(Name), Type, .. Value];

        public override string ToString() => $"{Name} type {Type} value {Convert.ToHexString(Value)}";
    }

    private sealed record Frame(List<Header> Headers, byte[] Payload, byte[]? RawHeaders)
    {
        public Frame With(Header header) =>
            this with { Headers = [.. Headers.Where(h => h.Name != header.Name), header] };

        public byte[] Encode() => EventStreamFrames.Encode(RawHeaders ?? [.. Headers.SelectMany(h => h.Encode())], Payload);
    }
}
