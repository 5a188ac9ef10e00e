using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>
/// The Messages and count_tokens endpoints with the node's real services but a translating provider for the "mock" kind
/// (the gpt-mock route), until the real translating providers are merged.
/// </summary>
public class AnthropicEndpointTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private const string Body = """{"model":"gpt-mock","max_tokens":64,"temperature":0.5,"messages":[{"role":"user","content":"Hello"}]STREAM}""";

    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Messages_NonStream_AnswersAnthropicMessageWithPublicModel()
    {
        var provider = new FakeChatProvider();
        var (context, text) = await SendAsync(Messages(provider), Body.Replace("STREAM", "", StringComparison.Ordinal));

        Assert.Equal(200, context.Response.StatusCode);
        JsonCompare.Equal("""
            {"type":"message","role":"assistant","model":"gpt-mock","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":3}}
            """, text, ignore: ["id"]);
        Assert.Equal((64, 0.5, "Hello"), (provider.LastRequest!.MaxTokens, provider.LastRequest.Temperature, provider.LastRequest.Messages[0].Text));
        Assert.Equal("mock-1", provider.LastDeployment!.UpstreamModel);
        var usage = await Host.WaitForUsageAsync(r => r.Endpoint == "messages" && r.Model == "gpt-mock" && !r.Stream && r.StatusCode == 200);
        Assert.Equal((12, 3), (usage.PromptTokens, usage.CompletionTokens));
    }

    [Fact]
    public async Task Messages_Stream_WritesAnthropicEventsAndRecordsUsage()
    {
        var (context, text) = await SendAsync(Messages(new FakeChatProvider()), Body.Replace("STREAM", ",\"stream\":true", StringComparison.Ordinal));

        Assert.Equal("text/event-stream", context.Response.ContentType);
        var events = SseEvents.Parse(text);
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event));
        Assert.Equal("gpt-mock", events[0].Data["message"]!["model"]!.GetValue<string>());
        Assert.Equal(3, events[6].Data["usage"]!["output_tokens"]!.GetValue<int>());
        var usage = await Host.WaitForUsageAsync(r => r.Endpoint == "messages" && r.Stream && r.CompletionTokens == 3);
        Assert.NotNull(usage.TimeToFirstTokenMs);
    }

    [Fact]
    public async Task CountTokens_ProviderCounts_ReturnsInputTokensAndRecordsUsage()
    {
        var (context, text) = await SendAsync(CountTokens(new FakeCountingProvider()), """{"model":"gpt-mock","messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Equal(200, context.Response.StatusCode);
        JsonCompare.Equal("""{"input_tokens":142}""", text);
        var usage = await Host.WaitForUsageAsync(r => r.Endpoint == CountTokensEndpoint.EndpointName && r.StatusCode == 200);
        Assert.Equal((0, 0, "gpt-mock"), (usage.PromptTokens, usage.CompletionTokens, usage.Model));
    }

    [Fact]
    public async Task CountTokens_ProviderCannotCount_Returns400()
    {
        var (context, text) = await SendAsync(CountTokens(new FakeChatProvider()), """{"model":"gpt-mock","messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Equal(400, context.Response.StatusCode);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Contains("cannot count tokens", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private ChatEndpoint Messages(IChatProvider provider) =>
        ActivatorUtilities.CreateInstance<ChatEndpoint>(Host.Services, Host.Services.GetRequiredService<AnthropicDialect>(), Registry(provider));

    private CountTokensEndpoint CountTokens(IChatProvider provider) =>
        ActivatorUtilities.CreateInstance<CountTokensEndpoint>(Host.Services, Registry(provider));

    private static ProviderRegistry Registry(IChatProvider provider) => new([], [provider], Array.Empty<IEmbeddingProvider>());

    private static async Task<(HttpContext Context, string Body)> SendAsync(Func<HttpContext, Task> endpoint, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.Headers["x-api-key"] = TestSnapshots.Key;
        context.Request.Headers["anthropic-version"] = "2023-06-01";
        var response = new MemoryStream();
        context.Response.Body = response;
        await endpoint(context);
        return (context, Encoding.UTF8.GetString(response.ToArray()));
    }

    private Task<(HttpContext Context, string Body)> SendAsync(GatewayEndpoint endpoint, string body) =>
        SendAsync(context => Host.Services.GetRequiredService<GatewayPipeline>().RunAsync(context, endpoint), body);
}
