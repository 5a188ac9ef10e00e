using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>Semantic JSON comparison for golden tests, reporting the first difference by path.</summary>
internal static class JsonCompare
{
    /// <summary>
    /// Asserts <paramref name="actual"/> equals <paramref name="expected"/>. Paths in <paramref name="ignore"/> (e.g.
    /// <c>message.id</c>) are skipped; with <paramref name="subset"/>, objects in actual may have extra properties.
    /// </summary>
    public static void Equal(JsonNode? expected, JsonNode? actual, bool subset = false, params string[] ignore)
    {
        var difference = Diff(expected, actual, "", subset, ignore);
        Assert.True(difference is null, $"{difference}\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    public static void Equal(string expected, string actual, bool subset = false, params string[] ignore) =>
        Equal(JsonNode.Parse(expected), JsonNode.Parse(actual), subset, ignore);

    private static string? Diff(JsonNode? expected, JsonNode? actual, string path, bool subset, string[] ignore)
    {
        if (ignore.Contains(path))
        {
            return null;
        }

        switch (expected)
        {
            case null:
                return actual is null ? null : $"{path}: expected null, got {actual.ToJsonString()}";
            case JsonObject e:
                if (actual is not JsonObject a)
                {
                    return $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                }

                foreach (var (name, value) in e)
                {
                    var child = path.Length == 0 ? name : path + "." + name;
                    if (ignore.Contains(child))
                    {
                        continue;
                    }

                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        return $"{child}: missing";
                    }

                    if (Diff(value, other, child, subset, ignore) is { } d)
                    {
                        return d;
                    }
                }

                var extra = a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k) && !ignore.Contains(path.Length == 0 ? k : path + "." + k));
                return subset || extra is null ? null : $"{path}.{extra}: unexpected property";
            case JsonArray e:
                if (actual is not JsonArray list || list.Count != e.Count)
                {
                    return $"{path}: expected {e.Count} items, got {actual?.ToJsonString() ?? "null"}";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Diff(e[i], list[i], $"{path}[{i}]", subset, ignore) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                if (actual is null || actual is JsonObject || actual is JsonArray)
                {
                    return $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
                }

                var ev = expected.AsValue();
                var av = actual.AsValue();
                var same = ev.GetValueKind() == JsonValueKind.Number && av.GetValueKind() == JsonValueKind.Number
                    ? decimal.Parse(ev.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == decimal.Parse(av.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
                    : JsonNode.DeepEquals(ev, av);
                return same ? null : $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
        }
    }
}
