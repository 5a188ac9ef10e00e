using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// Upstream failures of each provider family as the OpenAI .NET SDK sees them (retries disabled): a rate-limited
/// upstream is a 429 ClientResultException, an overloaded one a 503, and a stream that breaks after a few deltas ends
/// with an error event and never with a finish reason.
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class ProviderErrorTests(ProviderPlatform providers)
{
    public static TheoryData<string> Families => new(ProviderFamily.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChat_RateLimitedUpstream_EachFamily_Throws429(string name)
    {
        var family = ProviderFamily.Named(name);

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            providers.OpenAIChat(family.RateLimitModel).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, error.Status);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChatStreaming_RateLimitedUpstream_EachFamily_Throws429BeforeAnyUpdate(string name)
    {
        var family = ProviderFamily.Named(name);
        var updates = 0;

        var error = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in providers.OpenAIChat(family.RateLimitModel).CompleteChatStreamingAsync([new UserChatMessage("hi")]))
            {
                updates++;
            }
        });

        Assert.Equal(429, error.Status);
        Assert.Equal(0, updates);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    [InlineData("groq")]
    [InlineData("gemini")]
    public async Task CompleteChat_RateLimitedUpstreamWithRetryAfter_KeepsRetryAfter(string name)
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            providers.OpenAIChat(ProviderFamily.Named(name).RateLimitModel).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter), "Retry-After header");
        // The upstream says 7 s. When an earlier test's 429 still keeps the deployment cooling down, the node answers
        // without calling it, with the time left of that cooldown (see the routing section of the README).
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 7);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    [InlineData("bedrock")]
    [InlineData("azure")]
    [InlineData("mistral")]
    [InlineData("mock")]
    [InlineData("openai")]
    [InlineData("vllm")]
    public async Task CompleteChat_OverloadedUpstream_Throws503(string name)
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            providers.OpenAIChat(ProviderFamily.Named(name).OverloadedModel).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(503, error.Status);
    }

    /// <summary>
    /// The OpenAI .NET SDK (2.15) does not surface a <c>data: {"error":…}</c> event: it yields nothing for it and the
    /// enumeration ends normally. What it must never see is a finish reason: the text stays visibly unfinished.
    /// </summary>
    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChatStreaming_UpstreamBreaksMidStream_EachFamily_SdkGetsPartialTextWithoutFinish(string name)
    {
        var family = ProviderFamily.Named(name);
        var text = new StringBuilder();
        ChatFinishReason? finish = null;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in providers.OpenAIChat(family.MidstreamModel).CompleteChatStreamingAsync([new UserChatMessage("Say hi")]))
            {
                text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
                finish ??= update.FinishReason;
            }
        });

        Assert.True(error is null or ClientResultException or IOException or HttpRequestException, $"unexpected {error}");
        Assert.Null(finish);
        Assert.NotEqual("", text.ToString());
        Assert.StartsWith(text.ToString(), FakeExpect.Text(family, "Say hi"), StringComparison.Ordinal);
        Assert.NotEqual(FakeExpect.Text(family, "Say hi"), text.ToString());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ChatStream_UpstreamBreaksMidStream_EachFamily_EndsWithErrorEventNotFinish(string name)
    {
        var events = await RawStreamAsync(ProviderFamily.Named(name).MidstreamModel);

        var json = events.Where(e => e != "[DONE]").Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.True(json[^1].TryGetProperty("error", out var error), $"last event: {events[^1]}");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.DoesNotContain(json, e => e.TryGetProperty("choices", out var choices)
            && choices.EnumerateArray().Any(c => c.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String));
        Assert.Contains(json, e => e.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0);
    }

    [Fact]
    public async Task CompleteChat_BadVirtualKey_Throws401()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            providers.OpenAIChat(ProviderFamily.Named("gemini").ChatModel, "sk-sy-not-a-real-key").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }

    /// <summary>The data payloads of a streamed chat answer, read with a plain HTTP client.</summary>
    private async Task<List<string>> RawStreamAsync(string model)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, providers.Platform.GatewayUrl + "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"Say hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", providers.Key);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).ToList();
    }
}
