using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>What a family's upstream answers through the gateway: the <see cref="FakeAnswer"/> rules, or the mock provider's.</summary>
public static class FakeExpect
{
    /// <summary>A tool every test offers: one required string property, so the fake calls it with {"location":"Paris"}.</summary>
    public const string WeatherSchema = """{"type":"object","properties":{"location":{"type":"string","description":"City"}},"required":["location"]}""";

    public const string WeatherTool = "get_weather";

    /// <summary>The user text of tool tests: the mock provider echoes it as the string argument, so every family calls with "Paris".</summary>
    public const string ToolPrompt = "Paris";

    public const string ToolResult = "Sunny, 21 C";

    public static string Text(ProviderFamily family, string userText) => family.IsMock
        ? $"Mock reply to: {userText}. This is a deterministic response from the Switchyard mock provider."
        : FakeAnswer.Greeting(family.Greeting, userText);

    /// <summary>Output tokens of a text answer: one per streamed word for the fake and the mock alike.</summary>
    public static int OutputTokens(ProviderFamily family, string userText) => FakeAnswer.SplitWords(Text(family, userText)).Count;

    /// <summary>The text answer to the tool result (the mock's contains the result; the fake's is exact).</summary>
    public static void ToolReply(ProviderFamily family, string? text)
    {
        if (family.IsMock)
        {
            Assert.Contains(ToolResult, text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(FakeAnswer.ToolReply(ToolResult), text);
        }
    }

    /// <summary>Usage of a text answer: the fake reports 11 input tokens; the mock estimates, so only positive is checked.</summary>
    public static void TextUsage(ProviderFamily family, string userText, long input, long output)
    {
        Assert.Equal(OutputTokens(family, userText), output);
        if (family.IsMock)
        {
            Assert.True(input > 0, "mock input tokens");
        }
        else
        {
            Assert.Equal(FakeAnswer.InputTokens, input);
        }
    }
}
