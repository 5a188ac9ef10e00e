using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>
/// A seeded mutation engine over a corpus of valid JSON documents (the recorded fixtures). Structural mutations keep
/// the text JSON-shaped so it gets past the tokenizer into the field readers: values replaced by values of another type
/// (string ↔ number ↔ object ↔ array ↔ null), by values copied from elsewhere or from another document, property names
/// swapped for other wire-format names, members inserted, duplicated or removed, arrays repeated, values wrapped or nested
/// past the depth limit, strings given invalid UTF-8 or lone surrogates. Byte mutations then break it below the JSON
/// level: bit flips, interesting bytes, deleted, duplicated or inserted ranges, JSON tokens dropped in anywhere, truncation.
/// </summary>
internal sealed class JsonMutator(IReadOnlyList<byte[]> corpus)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ",", ":", "null", "true", "false", "0", "-", "1e999", "\\", "\\u", "\\ud800", "/*", "//",
        "\uFEFF", " ", "\n", "{}", "[]", "\"\":", "NaN", "Infinity", "\u0000", "\"model\":", ",\"stream\":true",
    ];

    private static readonly byte[] Interesting = [0x00, 0x01, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x2C, 0x2D, 0x30, 0x3A, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xED, 0xFE, 0xFF];

    public IReadOnlyList<byte[]> Corpus => corpus;

    /// <summary>A mutated document and the recipe that made it (for failure reports).</summary>
    public (byte[] Bytes, string Recipe) Next(Random random)
    {
        var index = random.Next(corpus.Count);
        var recipe = new List<string> { $"corpus[{index}]" };
        var bytes = corpus[index];
        var (structural, raw) = random.Next(20) switch
        {
            < 10 => (random.Next(1, 4), 0), // stays JSON-shaped: exercises the field readers
            < 17 => (random.Next(0, 3), random.Next(1, 3)),
            _ => (0, random.Next(1, 5)),
        };
        for (var i = 0; i < structural; i++)
        {
            bytes = MutateStructure(random, bytes, recipe);
        }

        for (var i = 0; i < raw; i++)
        {
            bytes = MutateBytes(random, bytes, recipe);
        }

        return (bytes, string.Join("; ", recipe));
    }

    /// <summary>One JSON-aware mutation; a byte mutation instead when the document no longer tokenizes.</summary>
    public byte[] MutateStructure(Random random, byte[] bytes, List<string> recipe)
    {
        var spans = JsonSpans.Of(bytes);
        if (spans is null || spans.Values.Count == 0)
        {
            return MutateBytes(random, bytes, recipe);
        }

        var value = spans.Values[random.Next(spans.Values.Count)];
        switch (random.Next(11))
        {
            case 0 or 1:
                var replacement = FuzzJson.Value(random);
                recipe.Add($"value@{value.Start} := {FuzzRun.Render(replacement, 80)}");
                return Replace(bytes, value.Start, value.End, replacement);
            case 2:
                var other = corpus[random.Next(corpus.Count)];
                var otherSpans = JsonSpans.Of(other);
                if (otherSpans is null || otherSpans.Values.Count == 0)
                {
                    return bytes;
                }

                var donor = otherSpans.Values[random.Next(otherSpans.Values.Count)];
                recipe.Add($"value@{value.Start} := value@{donor.Start} of another document");
                return Replace(bytes, value.Start, value.End, other[donor.Start..donor.End]);
            case 3 when spans.Members.Count > 0:
                var member = spans.Members[random.Next(spans.Members.Count)];
                var name = random.Next(8) == 0 ? "\"\"" : JsonSerializer.Serialize(FuzzJson.Names[random.Next(FuzzJson.Names.Length)]);
                recipe.Add($"rename member@{member.NameStart} to {name}");
                return Replace(bytes, member.NameStart, member.NameEnd, Encoding.UTF8.GetBytes(name));
            case 4 when spans.Objects.Count > 0:
                var target = spans.Objects[random.Next(spans.Objects.Count)];
                var inserted = FuzzJson.Names[random.Next(FuzzJson.Names.Length)];
                byte[] insertedValue = random.Next(2) == 0 ? FuzzJson.Value(random) : bytes[value.Start..value.End];
                var empty = bytes.AsSpan(target.Start + 1).TrimStart(" \r\n\t"u8) is [(byte)'}', ..];
                recipe.Add($"insert member \"{inserted}\" into object@{target.Start}");
                byte[] member2 = [.. Encoding.UTF8.GetBytes(JsonSerializer.Serialize(inserted)), (byte)':', .. insertedValue, .. (empty ? ""u8 : ","u8)];
                return Replace(bytes, target.Start + 1, target.Start + 1, member2);
            case 5 when spans.Members.Count > 0:
                var removed = spans.Members[random.Next(spans.Members.Count)];
                recipe.Add($"remove member@{removed.NameStart}");
                return RemoveMember(bytes, removed);
            case 6:
                var depth = random.Next(4) == 0 ? random.Next(60, 70) : random.Next(1, 4);
                recipe.Add($"nest value@{value.Start} {depth} deep");
                return Replace(bytes, value.Start, value.End, FuzzJson.Nest(bytes[value.Start..value.End], depth, random.Next(2) == 0));
            case 7 when spans.Strings.Count > 0:
                var text = spans.Strings[random.Next(spans.Strings.Count)];
                byte[] bad = random.Next(3) switch
                {
                    0 => FuzzJson.InvalidUtf8(random),
                    1 => "\\ud800"u8.ToArray(),
                    _ => "\\udfff\\ud800"u8.ToArray(),
                };
                var at = random.Next(text.Start + 1, text.End);
                recipe.Add($"corrupt string@{text.Start} with {FuzzRun.Render(bad)} at {at}");
                return Replace(bytes, at, at, bad);
            case 8 when spans.Arrays.Count > 0:
                var array = spans.Arrays[random.Next(spans.Arrays.Count)];
                var element = array.FirstElement;
                if (element is null)
                {
                    return bytes;
                }

                var copies = random.Next(4) == 0 ? random.Next(2040, 2100) : random.Next(1, 5);
                var copy = bytes[element.Value.Start..element.Value.End];
                var repeated = new List<byte>();
                for (var i = 0; i < copies; i++)
                {
                    repeated.AddRange(copy);
                    repeated.Add((byte)',');
                }

                recipe.Add($"repeat first element of array@{array.Start} {copies} times");
                return Replace(bytes, element.Value.Start, element.Value.Start, [.. repeated]);
            case 9 when spans.Containers.Count > 0:
                var container = spans.Containers[random.Next(spans.Containers.Count)];
                var emptied = random.Next(3) switch { 0 => "{}"u8.ToArray(), 1 => "[]"u8.ToArray(), _ => "null"u8.ToArray() };
                recipe.Add($"container@{container.Start} := {Encoding.UTF8.GetString(emptied)}");
                return Replace(bytes, container.Start, container.End, emptied);
            default:
                var token = FuzzJson.StringToken(random);
                recipe.Add($"value@{value.Start} := {FuzzRun.Render(token, 80)}");
                return Replace(bytes, value.Start, value.End, token);
        }
    }

    /// <summary>One mutation below the JSON level.</summary>
    public static byte[] MutateBytes(Random random, byte[] bytes, List<string> recipe)
    {
        if (bytes.Length == 0)
        {
            recipe.Add("insert into empty");
            return Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]);
        }

        var at = random.Next(bytes.Length);
        switch (random.Next(8))
        {
            case 0:
                var bit = random.Next(8);
                recipe.Add($"flip bit {bit} of byte {at}");
                var flipped = (byte[])bytes.Clone();
                flipped[at] ^= (byte)(1 << bit);
                return flipped;
            case 1:
                var value = Interesting[random.Next(Interesting.Length)];
                recipe.Add($"byte {at} := 0x{value:X2}");
                var set = (byte[])bytes.Clone();
                set[at] = value;
                return set;
            case 2:
                var length = Math.Min(random.Next(1, 32), bytes.Length - at);
                recipe.Add($"delete {length} bytes at {at}");
                return Replace(bytes, at, at + length, []);
            case 3:
                var size = Math.Min(random.Next(1, 64), bytes.Length - at);
                var to = random.Next(bytes.Length + 1);
                recipe.Add($"copy {size} bytes from {at} to {to}");
                return Replace(bytes, to, to, bytes[at..(at + size)]);
            case 4 or 5:
                var token = Tokens[random.Next(Tokens.Length)];
                recipe.Add($"insert {FuzzRun.Render(Encoding.UTF8.GetBytes(token))} at {at}");
                return Replace(bytes, at, at, Encoding.UTF8.GetBytes(token));
            case 6:
                var invalid = FuzzJson.InvalidUtf8(random);
                recipe.Add($"insert {FuzzRun.Render(invalid)} at {at}");
                return Replace(bytes, at, at, invalid);
            default:
                recipe.Add($"truncate to {at} bytes");
                return bytes[..at];
        }
    }

    public static byte[] Replace(byte[] bytes, int start, int end, ReadOnlySpan<byte> with) =>
        [.. bytes.AsSpan(0, start), .. with, .. bytes.AsSpan(end)];

    /// <summary>Cuts <c>"name": value</c> and the comma that separated it from a neighbour.</summary>
    private static byte[] RemoveMember(byte[] bytes, JsonSpans.Member member)
    {
        var end = member.ValueEnd;
        var after = end;
        while (after < bytes.Length && bytes[after] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            after++;
        }

        if (after < bytes.Length && bytes[after] == (byte)',')
        {
            return Replace(bytes, member.NameStart, after + 1, []);
        }

        var before = member.NameStart - 1;
        while (before >= 0 && bytes[before] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            before--;
        }

        return before >= 0 && bytes[before] == (byte)','
            ? Replace(bytes, before, end, [])
            : Replace(bytes, member.NameStart, end, []);
    }
}
