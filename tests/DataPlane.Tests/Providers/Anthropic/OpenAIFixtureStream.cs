using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

/// <summary>Reads an expected OpenAI stream translation (mapping fixture) back into canonical sink events.</summary>
internal static class OpenAIFixtureStream
{
    /// <summary>The RecordingSink events (usage lines aside) and final usage implied by an OpenAI chunk stream fixture.</summary>
    public static (List<string> Events, TokenUsage Usage) ExpectedCanonicalEvents(string fixture)
    {
        var events = new List<string>();
        var usage = default(TokenUsage);
        var chunks = Fixture.Text(fixture).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim()["data: ".Length..]).ToList();
        foreach (var data in chunks)
        {
            if (data == "[DONE]")
            {
                events.Add("complete");
                continue;
            }

            var chunk = JsonDocument.Parse(data).RootElement;
            if (events.Count == 0)
            {
                events.Add($"start {chunk.GetProperty("id").GetString()} {chunk.GetProperty("model").GetString()}");
            }

            if (chunk.GetProperty("usage") is { ValueKind: JsonValueKind.Object } u)
            {
                usage = new TokenUsage(u.GetProperty("prompt_tokens").GetInt32(), u.GetProperty("completion_tokens").GetInt32(),
                    u.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
            }

            foreach (var choice in chunk.GetProperty("choices").EnumerateArray())
            {
                var delta = choice.GetProperty("delta");
                if (delta.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
                {
                    events.Add($"text 0 \"{text}\"");
                }

                foreach (var call in delta.TryGetProperty("tool_calls", out var calls) ? calls.EnumerateArray() : default)
                {
                    var index = call.GetProperty("index").GetInt32();
                    if (call.TryGetProperty("id", out var id))
                    {
                        events.Add($"tool 0 {index} {id.GetString()} {call.GetProperty("function").GetProperty("name").GetString()}");
                    }

                    if (call.GetProperty("function").GetProperty("arguments").GetString() is { Length: > 0 } arguments)
                    {
                        events.Add($"args 0 {index} {arguments}");
                    }
                }

                if (choice.GetProperty("finish_reason").GetString() is { } finish)
                {
                    events.Add("finish 0 " + finish switch { "tool_calls" => FinishReason.ToolCalls, "length" => FinishReason.Length, _ => FinishReason.Stop });
                }
            }
        }

        return (events, usage);
    }
}
