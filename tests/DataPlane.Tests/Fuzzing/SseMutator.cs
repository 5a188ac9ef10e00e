using System.Text;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>
/// Mutates recorded server-sent event streams: the JSON in an event's <c>data:</c> (through <see cref="JsonMutator"/>),
/// whole events dropped, repeated, swapped or renamed, line endings switched between LF, CRLF and CR, SSE syntax
/// dropped in anywhere (blank lines, comments, fields without a colon), and the stream cut short.
/// </summary>
internal sealed class SseMutator
{
    private static readonly string[] EventNames =
    [
        "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        "ping", "error", "completion", "",
    ];

    private static readonly string[] Tokens = ["\n", "\r", "\r\n", "\n\n", ":", ": comment\n", "data:", "data: ", "event:", "data", "id: 1\n", "retry: 5\n", "\u00A0", "[DONE]", "data: [DONE]\n\n", "data: {}\n\n", "data: null\n\n"];

    private readonly List<List<byte[]>> _streams;
    private readonly JsonMutator _json;

    public SseMutator(params string[] fixtures)
    {
        _streams = [.. fixtures.Select(f => Events(Infrastructure.Fixture.Text(f)))];
        _json = new JsonMutator([.. _streams.SelectMany(s => s).Select(Data).Where(d => d.Length > 0 && d[0] == (byte)'{')]);
    }

    public (byte[] Bytes, string Recipe) Next(Random random)
    {
        var index = random.Next(_streams.Count);
        var events = _streams[index].ToList();
        var recipe = new List<string> { $"stream[{index}]" };
        var ops = random.Next(1, 4);
        for (var i = 0; i < ops && events.Count > 0; i++)
        {
            var at = random.Next(events.Count);
            switch (random.Next(10))
            {
                case < 5:
                    var data = Data(events[at]);
                    var mutated = random.Next(4) == 0 ? JsonMutator.MutateBytes(random, data, recipe) : _json.MutateStructure(random, data, recipe);
                    recipe[^1] = $"event {at}: {recipe[^1]}";
                    events[at] = WithData(events[at], mutated);
                    break;
                case 5:
                    recipe.Add($"drop event {at}");
                    events.RemoveAt(at);
                    break;
                case 6:
                    recipe.Add($"repeat event {at}");
                    events.Insert(at, events[at]);
                    break;
                case 7:
                    var other = random.Next(events.Count);
                    recipe.Add($"swap events {at} and {other}");
                    (events[at], events[other]) = (events[other], events[at]);
                    break;
                default:
                    var name = EventNames[random.Next(EventNames.Length)];
                    recipe.Add($"event {at} named '{name}'");
                    events[at] = Renamed(events[at], name);
                    break;
            }
        }

        var ending = random.Next(10) switch { < 7 => "\n", < 9 => "\r\n", _ => "\r" };
        var joined = new List<byte>();
        foreach (var e in events)
        {
            joined.AddRange(e);
            joined.Add((byte)'\n');
        }

        var bytes = ending == "\n" ? [.. joined] : Replace([.. joined], Encoding.ASCII.GetBytes(ending));
        if (random.Next(4) == 0)
        {
            var token = Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]);
            var at = random.Next(bytes.Length + 1);
            recipe.Add($"insert {FuzzRun.Render(token)} at {at}");
            bytes = JsonMutator.Replace(bytes, at, at, token);
        }

        if (random.Next(6) == 0)
        {
            bytes = JsonMutator.MutateBytes(random, bytes, recipe);
        }

        return (bytes, $"{string.Join("; ", recipe)}; line endings {FuzzRun.Render(Encoding.ASCII.GetBytes(ending))}");
    }

    /// <summary>The events of a stream, each its lines with a trailing LF (the blank line not included).</summary>
    private static List<byte[]> Events(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e.Trim().Length > 0)
            .Select(e => Encoding.UTF8.GetBytes(e.Trim('\n') + "\n"))];

    private static List<byte[]> Lines(byte[] e)
    {
        var text = e.AsSpan().TrimEnd((byte)'\n');
        var lines = new List<byte[]>();
        foreach (var range in text.Split((byte)'\n'))
        {
            lines.Add(text[range].ToArray());
        }

        return lines;
    }

    private static byte[] Data(byte[] e)
    {
        foreach (var line in Lines(e))
        {
            if (line.AsSpan().StartsWith("data:"u8))
            {
                var value = line.AsSpan(5);
                return (value.StartsWith(" "u8) ? value[1..] : value).ToArray();
            }
        }

        return [];
    }

    /// <summary>The event with its data line(s) replaced by one line of <paramref name="data"/> (which may hold line breaks now).</summary>
    private static byte[] WithData(byte[] e, byte[] data) =>
        [.. Lines(e).Where(l => !l.AsSpan().StartsWith("data:"u8)).SelectMany(l => l.Append((byte)'\n')), .. "data: "u8, .. data, (byte)'\n'];

    private static byte[] Renamed(byte[] e, string name) =>
        [.. (name.Length == 0 ? [] : Encoding.UTF8.GetBytes($"event: {name}\n")), .. Lines(e).Where(l => !l.AsSpan().StartsWith("event:"u8)).SelectMany(l => l.Append((byte)'\n'))];

    private static byte[] Replace(byte[] bytes, byte[] ending)
    {
        var result = new List<byte>(bytes.Length + bytes.Length / 8);
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                result.AddRange(ending);
            }
            else
            {
                result.Add(b);
            }
        }

        return [.. result];
    }
}
