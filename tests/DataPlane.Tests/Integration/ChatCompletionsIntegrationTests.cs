using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Testing.Upstream.Providers;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>OpenAI Chat Completions callers through a running node to every provider family's fake upstream.</summary>
public class ChatCompletionsIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    public static TheoryData<string> Families => ProviderCases.Names();

    public static TheoryData<string, bool> FamiliesAndUsage()
    {
        var data = new TheoryData<string, bool>();
        foreach (var c in ProviderCases.All)
        {
            data.Add(c.Name, false);
            data.Add(c.Name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ChatCompletions_Text_ReturnsFakeAnswerAndOpenAIUsage(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, nonce));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("chat.completion", Str(json["object"]));
        var choice = Assert.Single(json["choices"]!.AsArray())!;
        Assert.Equal("assistant", Str(choice["message"]!["role"]));
        Assert.Equal(ExpectedText(c, nonce), Str(choice["message"]!["content"]));
        Assert.Equal("stop", Str(choice["finish_reason"]));
        AssertUsage(json["usage"], ExpectedTextTokens(c, nonce));
    }

    [Theory]
    [MemberData(nameof(FamiliesAndUsage))]
    public async Task ChatCompletions_Stream_ChunksFinishUsageOnlyWhenAskedAndDone(string name, bool includeUsage)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, nonce, stream: true, includeUsage: includeUsage));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var chunks = Chunks(text);
        Assert.Equal("assistant", Str(chunks[0]["choices"]![0]!["delta"]!["role"]));
        var content = string.Concat(chunks.SelectMany(Choices).Select(ch => ch["delta"]?["content"]).OfType<JsonValue>().Select(v => v.GetValue<string>()));
        Assert.Equal(ExpectedText(c, nonce), content);
        var finish = Assert.Single(chunks.SelectMany(Choices), ch => ch["finish_reason"] is JsonValue);
        Assert.Equal("stop", Str(finish["finish_reason"]));
        AssertUsageChunk(chunks, includeUsage, ExpectedTextTokens(c, nonce));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ChatCompletions_ToolCall_ReturnsArgumentsAndToolCallsFinish(string name)
    {
        var c = ProviderCases.Get(name);

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, Nonce(), tools: true));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonNode.Parse(body)!;
        var choice = Assert.Single(json["choices"]!.AsArray())!;
        Assert.Equal("tool_calls", Str(choice["finish_reason"]));
        var call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.Equal("function", Str(call["type"]));
        Assert.False(string.IsNullOrEmpty(Str(call["id"])));
        Assert.Equal("get_weather", Str(call["function"]!["name"]));
        JsonEqual(ExpectedArguments, Str(call["function"]!["arguments"]));
        AssertUsage(json["usage"], FakeAnswer.SplitArguments(ExpectedArguments).Count);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ChatCompletions_ToolCallStream_StreamsCallThenToolCallsFinishAndDone(string name)
    {
        var c = ProviderCases.Get(name);

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, Nonce(), stream: true, includeUsage: true, tools: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var chunks = Chunks(text);
        var calls = chunks.SelectMany(Choices).SelectMany(ch => ch["delta"]?["tool_calls"]?.AsArray() ?? []).OfType<JsonNode>().ToList();
        Assert.All(calls, call => Assert.Equal(0, Int(call["index"])));
        var opening = Assert.Single(calls, call => call["id"] is not null);
        Assert.Same(calls[0], opening);
        Assert.Equal("function", Str(opening["type"]));
        Assert.Equal("get_weather", Str(opening["function"]!["name"]));
        JsonEqual(ExpectedArguments, string.Concat(calls.Select(call => call["function"]?["arguments"]).OfType<JsonValue>().Select(v => v.GetValue<string>())));
        var finish = Assert.Single(chunks.SelectMany(Choices), ch => ch["finish_reason"] is JsonValue);
        Assert.Equal("tool_calls", Str(finish["finish_reason"]));
        AssertUsageChunk(chunks, true, FakeAnswer.SplitArguments(ExpectedArguments).Count);
    }

    /// <summary>Parses the stream's chunks, checking it ends with exactly one <c>[DONE]</c> and nothing else is an error.</summary>
    private static List<JsonNode> Chunks(string text)
    {
        var data = OpenAIData(text);
        Assert.Equal("[DONE]", data[^1]);
        Assert.Single(data, d => d == "[DONE]");
        var chunks = data[..^1].Select(d => JsonNode.Parse(d)!).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", Str(chunk["object"])));
        return chunks;
    }

    private static IEnumerable<JsonNode> Choices(JsonNode chunk) => chunk["choices"]!.AsArray().OfType<JsonNode>();

    /// <summary>With include_usage: one last <c>choices:[]</c> chunk with the usage; without: no usage anywhere.</summary>
    private static void AssertUsageChunk(List<JsonNode> chunks, bool includeUsage, int completionTokens)
    {
        if (!includeUsage)
        {
            Assert.DoesNotContain(chunks, chunk => chunk["usage"] is JsonObject);
            Assert.DoesNotContain(chunks, chunk => chunk["choices"]!.AsArray().Count == 0);
            return;
        }

        var usageChunk = Assert.Single(chunks, chunk => chunk["usage"] is JsonObject);
        Assert.Same(chunks[^1], usageChunk);
        Assert.Empty(usageChunk["choices"]!.AsArray());
        AssertUsage(usageChunk["usage"], completionTokens);
    }

    private static void AssertUsage(JsonNode? usage, int completionTokens)
    {
        Assert.NotNull(usage);
        Assert.Equal(
            (FakeAnswer.InputTokens, completionTokens, FakeAnswer.InputTokens + completionTokens),
            (Int(usage["prompt_tokens"]), Int(usage["completion_tokens"]), Int(usage["total_tokens"])));
    }
}
