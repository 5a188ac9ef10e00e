using System.Text.Json.Nodes;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>Splits Anthropic SSE text into (event, data) pairs, checking each data's <c>type</c> equals its event name.</summary>
internal static class SseEvents
{
    public static List<(string Event, JsonNode Data)> Parse(string text)
    {
        var events = new List<(string, JsonNode)>();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            var name = lines[0]["event: ".Length..];
            var data = JsonNode.Parse(lines[1]["data: ".Length..])!;
            Assert.Equal(name, data["type"]!.GetValue<string>());
            events.Add((name, data));
        }

        return events;
    }
}
