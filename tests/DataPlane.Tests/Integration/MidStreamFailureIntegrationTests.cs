using System.Net;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Tests.Dialects.Anthropic;
using Switchyard.Testing.Upstream.Providers;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>
/// An upstream failing after its stream started (two deltas, then the family's own mid-stream error): the caller's
/// stream keeps what was sent and ends with its dialect's error, never with a normal finish.
/// </summary>
public class MidStreamFailureIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    public static TheoryData<string> Families() => new() { "openai-midstream", "azure-midstream", "anthropic-midstream", "gemini-midstream", "bedrock-midstream", "mistral-midstream" };

    /// <summary>Families an OpenAI caller reaches through translation (openai is forwarded unchanged, see below).</summary>
    public static TheoryData<string> TranslatedFamilies() => new() { "azure-midstream", "anthropic-midstream", "gemini-midstream", "bedrock-midstream", "mistral-midstream" };

    [Theory]
    [MemberData(nameof(TranslatedFamilies))]
    public Task ChatCompletions_UpstreamFailsMidStream_EndsWithErrorDataThenDone(string name) => AssertChatEndsWithErrorAsync(name);

    [Theory]
    [InlineData("openai-midstream")]
    public Task ChatCompletions_PassThroughUpstreamFailsMidStream_EndsWithErrorDataThenDone(string name) => AssertChatEndsWithErrorAsync(name);

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Messages_UpstreamFailsMidStream_EndsWithErrorEvent(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.MessagesAsync(MessagesBody(c.PublicModel, nonce, stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = SseEvents.Parse(text);
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "error"], events.Select(e => e.Event));
        var error = events[^1].Data["error"]!;
        Assert.False(string.IsNullOrWhiteSpace(Str(error["type"])));
        Assert.False(string.IsNullOrWhiteSpace(Str(error["message"])));
        var content = string.Concat(events.Where(e => e.Event == "content_block_delta").Select(e => Str(e.Data["delta"]!["text"])));
        Assert.Equal(string.Concat(FakeAnswer.SplitWords(ExpectedText(c, nonce)).Take(2)), content);
        await AssertFailureRecordedAsync(c, "messages");
    }

    private async Task AssertChatEndsWithErrorAsync(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, nonce, stream: true, includeUsage: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = OpenAIData(text);
        Assert.Equal("[DONE]", data[^1]);
        var error = JsonNode.Parse(data[^2])!["error"];
        Assert.True(error is JsonObject, $"The event before [DONE] is no error: {data[^2]}");
        Assert.False(string.IsNullOrWhiteSpace(Str(error["message"])));
        var chunks = data[..^2].Select(d => JsonNode.Parse(d)!).ToList();
        Assert.All(chunks, chunk => Assert.Null(chunk["error"]));
        Assert.DoesNotContain(chunks.SelectMany(ch => ch["choices"]!.AsArray()), ch => ch?["finish_reason"] is JsonValue);
        var content = string.Concat(chunks.SelectMany(ch => ch["choices"]!.AsArray()).Select(ch => ch?["delta"]?["content"]).OfType<JsonValue>().Select(v => v.GetValue<string>()));
        Assert.Equal(string.Concat(FakeAnswer.SplitWords(ExpectedText(c, nonce)).Take(2)), content);
        await AssertFailureRecordedAsync(c, "chat.completions");
    }

    /// <summary>The usage record says the request failed (not 200) with an error code.</summary>
    private async Task AssertFailureRecordedAsync(ProviderCase c, string endpoint)
    {
        var usage = await fixture.UsageAsync(c.PublicModel, endpoint, stream: true);
        Assert.True(usage.StatusCode >= 400, $"Recorded status {usage.StatusCode}.");
        Assert.False(string.IsNullOrEmpty(usage.ErrorCode));
        Assert.Equal(c.Kind, usage.ProviderKind);
    }
}
