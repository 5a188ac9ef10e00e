using System.Text.Json;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>Where the values, strings, objects, arrays and members of a JSON document are (byte offsets), for mutations.</summary>
internal sealed class JsonSpans
{
    public List<Range> Values { get; } = [];

    public List<Range> Strings { get; } = [];

    public List<Range> Objects { get; } = [];

    public List<ArrayRange> Arrays { get; } = [];

    public List<Range> Containers { get; } = [];

    public List<Member> Members { get; } = [];

    /// <summary>The spans of a document, or null when it does not tokenize (a mutation already broke it).</summary>
    public static JsonSpans? Of(byte[] json)
    {
        var spans = new JsonSpans();
        var open = new Stack<(int Start, bool IsArray, Range? First)>();
        var names = new Stack<(int Start, int End)?>();
        (int Start, int End)? pendingName = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = (start, start + reader.ValueSpan.Length + 2);
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        open.Push((start, reader.TokenType == JsonTokenType.StartArray, null));
                        names.Push(pendingName);
                        pendingName = null;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        var (containerStart, isArray, first) = open.Pop();
                        var container = new Range(containerStart, (int)reader.BytesConsumed);
                        spans.Containers.Add(container);
                        if (isArray)
                        {
                            spans.Arrays.Add(new ArrayRange(container.Start, container.End, first));
                        }
                        else
                        {
                            spans.Objects.Add(container);
                        }

                        spans.AddValue(container, names.Pop(), open);
                        continue;
                    default:
                        var value = new Range(start, reader.TokenType == JsonTokenType.String ? start + reader.ValueSpan.Length + 2 : (int)reader.BytesConsumed);
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            spans.Strings.Add(value);
                        }

                        spans.AddValue(value, pendingName, open);
                        pendingName = null;
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return spans;
    }

    private void AddValue(Range value, (int Start, int End)? name, Stack<(int Start, bool IsArray, Range? First)> open)
    {
        Values.Add(value);
        if (name is { } n)
        {
            Members.Add(new Member(n.Start, n.End, value.End));
        }

        if (open.Count > 0 && open.Peek() is { IsArray: true, First: null } parent)
        {
            open.Pop();
            open.Push(parent with { First = value });
        }
    }

    public readonly record struct Range(int Start, int End);

    public readonly record struct ArrayRange(int Start, int End, Range? FirstElement);

    /// <summary>A property: its quoted name and where its value ends.</summary>
    public readonly record struct Member(int NameStart, int NameEnd, int ValueEnd);
}
