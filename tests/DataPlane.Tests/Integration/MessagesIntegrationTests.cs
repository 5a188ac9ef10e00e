using System.Net;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Tests.Dialects.Anthropic;
using Switchyard.Testing.Upstream.Providers;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>Anthropic Messages callers through a running node to every provider family's fake upstream.</summary>
public class MessagesIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    private static readonly int ToolTokens = FakeAnswer.SplitArguments(ExpectedArguments).Count;

    public static TheoryData<string> Families => ProviderCases.Names();

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Messages_Text_ReturnsFakeAnswerAndAnthropicUsage(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.MessagesAsync(MessagesBody(c.PublicModel, nonce));

        var message = await OkJsonAsync(response);
        Assert.Equal(("message", "assistant", c.PublicModel), (Str(message["type"]), Str(message["role"]), Str(message["model"])));
        var block = Assert.Single(message["content"]!.AsArray())!;
        Assert.Equal("text", Str(block["type"]));
        Assert.Equal(ExpectedText(c, nonce), Str(block["text"]));
        Assert.Equal("end_turn", Str(message["stop_reason"]));
        AssertUsage(message["usage"], ExpectedTextTokens(c, nonce));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Messages_Stream_EmitsExactEventSequence(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.MessagesAsync(MessagesBody(c.PublicModel, nonce, stream: true));

        var events = await EventsAsync(response);
        var words = FakeAnswer.SplitWords(ExpectedText(c, nonce)).Count;
        Assert.Equal(Sequence(words), events.Select(e => e.Event));
        Assert.Equal(c.PublicModel, Str(events[0].Data["message"]!["model"]));
        Assert.Equal(JsonNode.Parse("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""), events[2].Data, JsonNode.DeepEquals);
        var deltas = events.Where(e => e.Event == "content_block_delta").Select(e => e.Data).ToList();
        Assert.All(deltas, d => Assert.Equal(("text_delta", 0), (Str(d["delta"]!["type"]), Int(d["index"]))));
        Assert.Equal(ExpectedText(c, nonce), string.Concat(deltas.Select(d => Str(d["delta"]!["text"]))));
        Assert.Equal(0, Int(events[^3].Data["index"]));
        Assert.Equal("end_turn", Str(events[^2].Data["delta"]!["stop_reason"]));
        AssertUsage(events[^2].Data["usage"], ExpectedTextTokens(c, nonce));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Messages_ToolCall_ReturnsToolUseBlock(string name)
    {
        var c = ProviderCases.Get(name);

        using var response = await fixture.MessagesAsync(MessagesBody(c.PublicModel, Nonce(), tools: true));

        var message = await OkJsonAsync(response);
        Assert.Equal("tool_use", Str(message["stop_reason"]));
        var block = Assert.Single(message["content"]!.AsArray())!;
        Assert.Equal(("tool_use", "get_weather"), (Str(block["type"]), Str(block["name"])));
        Assert.False(string.IsNullOrEmpty(Str(block["id"])));
        JsonEqual(ExpectedArguments, block["input"]!.ToJsonString());
        AssertUsage(message["usage"], ToolTokens);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Messages_ToolCallStream_EmitsToolUseBlockAndToolUseStop(string name)
    {
        var c = ProviderCases.Get(name);

        using var response = await fixture.MessagesAsync(MessagesBody(c.PublicModel, Nonce(), stream: true, tools: true));

        var events = await EventsAsync(response);
        Assert.Equal(Sequence(c.WholeToolCall ? 1 : ToolTokens), events.Select(e => e.Event));
        var start = events[2].Data["content_block"]!;
        Assert.Equal(("tool_use", "get_weather"), (Str(start["type"]), Str(start["name"])));
        Assert.False(string.IsNullOrEmpty(Str(start["id"])));
        JsonEqual("{}", start["input"]!.ToJsonString());
        var deltas = events.Where(e => e.Event == "content_block_delta").Select(e => e.Data["delta"]!).ToList();
        Assert.All(deltas, d => Assert.Equal("input_json_delta", Str(d["type"])));
        JsonEqual(ExpectedArguments, string.Concat(deltas.Select(d => Str(d["partial_json"]))));
        Assert.Equal("tool_use", Str(events[^2].Data["delta"]!["stop_reason"]));
        AssertUsage(events[^2].Data["usage"], ToolTokens);
    }

    [Theory]
    [InlineData("anthropic", "/anthropic/v1/messages/count_tokens")]
    [InlineData("gemini", "/gemini/v1beta/models/gemini-2.5-flash:countTokens")]
    public async Task CountTokens_CountingProvider_AsksUpstreamAndAnswersInputTokens(string name, string upstreamTarget)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();
        var body = JsonNode.Parse(MessagesBody(c.PublicModel, nonce))!.AsObject();
        body.Remove("max_tokens");

        using var response = await fixture.CountTokensAsync(body.ToJsonString());

        JsonEqual($$"""{"input_tokens":{{FakeAnswer.InputTokens}}}""", (await OkJsonAsync(response)).ToJsonString());
        var upstream = fixture.UpstreamRequest(nonce);
        Assert.Equal(upstreamTarget, upstream.PathAndQuery);
        c.AssertAuth(upstream, fixture.Fake);
    }

    /// <summary>message_start, ping, one content block with <paramref name="deltas"/> deltas, message_delta, message_stop.</summary>
    private static string[] Sequence(int deltas) =>
    [
        "message_start", "ping", "content_block_start", .. Enumerable.Repeat("content_block_delta", deltas),
        "content_block_stop", "message_delta", "message_stop",
    ];

    private static async Task<JsonNode> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task<List<(string Event, JsonNode Data)>> EventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return SseEvents.Parse(text);
    }

    private static void AssertUsage(JsonNode? usage, int outputTokens)
    {
        Assert.NotNull(usage);
        Assert.Equal((FakeAnswer.InputTokens, outputTokens), (Int(usage["input_tokens"]), Int(usage["output_tokens"])));
    }
}
