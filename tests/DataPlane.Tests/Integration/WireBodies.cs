using System.Text.Json.Nodes;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>Raw request bodies of both inbound dialects, the SSE parsing of OpenAI streams and the expected answers.</summary>
internal static class WireBodies
{
    /// <summary>The arguments the fake builds for <see cref="WeatherSchema"/>.</summary>
    public const string ExpectedArguments = """{"location":"Paris"}""";

    private const string WeatherSchema = """{"type":"object","properties":{"location":{"type":"string","description":"City"}},"required":["location"]}""";

    /// <summary>A fresh one-word marker to find a request upstream (and in the fake's answer).</summary>
    public static string Nonce() => "n" + Guid.NewGuid().ToString("N");

    /// <summary>The user text sent by every test: "Hi {nonce}".</summary>
    public static string UserText(string nonce) => "Hi " + nonce;

    /// <summary>The text the fake answers to <see cref="UserText"/> for a family.</summary>
    public static string ExpectedText(ProviderCase c, string nonce) => FakeAnswer.Greeting(c.Family, UserText(nonce));

    /// <summary>Completion tokens the fake reports for <see cref="ExpectedText"/>.</summary>
    public static int ExpectedTextTokens(ProviderCase c, string nonce) => FakeAnswer.SplitWords(ExpectedText(c, nonce)).Count;

    public static string ChatBody(string model, string nonce, bool stream = false, bool includeUsage = false, bool tools = false)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = UserText(nonce) }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        if (tools)
        {
            body["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "get_weather", ["description"] = "Weather of a city", ["parameters"] = JsonNode.Parse(WeatherSchema) },
            });
        }

        return body.ToJsonString();
    }

    public static string MessagesBody(string model, string nonce, bool stream = false, bool tools = false)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 256,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = UserText(nonce) }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        if (tools)
        {
            body["tools"] = new JsonArray(new JsonObject
            {
                ["name"] = "get_weather", ["description"] = "Weather of a city", ["input_schema"] = JsonNode.Parse(WeatherSchema),
            });
        }

        return body.ToJsonString();
    }

    /// <summary>
    /// The data payloads of an OpenAI Chat Completions stream, checking the framing: only <c>data:</c> lines (never an
    /// <c>event:</c> line), one per event.
    /// </summary>
    public static List<string> OpenAIData(string text)
    {
        var data = new List<string>();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var line = Assert.Single(block.Split('\n'));
            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            data.Add(line["data: ".Length..]);
        }

        return data;
    }

    public static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : throw new Xunit.Sdk.XunitException($"Expected a string, got {node?.ToJsonString() ?? "nothing"}.");

    public static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : throw new Xunit.Sdk.XunitException($"Expected a number, got {node?.ToJsonString() ?? "nothing"}.");

    /// <summary>Asserts that a JSON text equals the expected JSON (semantically).</summary>
    public static void JsonEqual(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual ?? "null")), $"Expected {expected}, got {actual}.");
}
