using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIChatProviderTests
{
    private readonly OpenAIChatProvider _provider = new(OpenAIProviderKit.Client);

    [Fact]
    public async Task CompleteAsync_OpenAIResponse_ReturnsCanonicalAnswerFromNonStreamRequest()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "openai-chat-response.json", null));

        var result = await _provider.CompleteAsync(FixtureRequests.Basic(), OpenAIProviderKit.Deployment(ProviderKinds.OpenAI, "gpt-4o-mini", upstream.BaseUrl + "/v1"), default);

        Assert.Null(result.Error);
        Assert.Equal("Hello! How can I assist you today?", Assert.Single(result.Value!.Choices).Text);
        Assert.Equal(new TokenUsage(8, 9), result.Value.Usage);
        var call = upstream.Last;
        Assert.Equal("/v1/chat/completions", call.PathAndQuery);
        Assert.Equal("application/json", call.Headers["Content-Type"]);
        Assert.False((bool)call.Json["stream"]!);
        Assert.False(call.Json.AsObject().ContainsKey("stream_options"));
    }

    [Fact]
    public async Task StreamAsync_AzureClassic_MatchesRecordedRequest()
    {
        var recorded = OpenAIProviderKit.HttpFixture("azure-openai-chat-request.http");
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Chunked(Fixture.Bytes("azure-openai-chat-stream.sse"), "text/event-stream"));
        var deployment = OpenAIProviderKit.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o", upstream.BaseUrl, recorded.Headers["api-key"],
            new() { ["deployment"] = "gpt-4o-prod" });
        var request = FixtureRequests.StreamUsage();
        request.Temperature = null;

        var error = await _provider.StreamAsync(request, deployment, new RecordingSink(), default);

        Assert.Null(error);
        var call = upstream.Last;
        Assert.Equal(recorded.Method, call.Method);
        Assert.Equal(recorded.Url.PathAndQuery, call.PathAndQuery);
        Assert.Equal(recorded.Headers["api-key"], call.Headers["api-key"]);
        Assert.False(call.Headers.ContainsKey("Authorization"));
        // Azure (2024-10-21) takes max_completion_tokens, which reasoning deployments require instead of max_tokens.
        var expected = JsonNode.Parse(recorded.Body)!.AsObject();
        expected["max_completion_tokens"] = expected["max_tokens"]!.DeepClone();
        expected.Remove("max_tokens");
        OpenAIProviderKit.JsonEqual(expected, call.Body);
    }

    [Theory]
    [InlineData("", "v1")]
    [InlineData("/openai/v1", null)]
    public async Task CompleteAsync_AzureV1_MatchesRecordedRequest(string basePath, string? apiVersion)
    {
        var recorded = OpenAIProviderKit.HttpFixture("azure-openai-v1-chat-request.http");
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "azure-openai-chat-response.json", null));
        var settings = new Dictionary<string, string> { ["deployment"] = "gpt-4o-prod" };
        if (apiVersion is not null)
        {
            settings["apiVersion"] = apiVersion;
        }

        var deployment = OpenAIProviderKit.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o", upstream.BaseUrl + basePath, recorded.Headers["api-key"], settings);
        var request = FixtureRequests.StreamUsage();
        (request.Stream, request.IncludeUsage, request.Temperature) = (false, false, null);

        var result = await _provider.CompleteAsync(request, deployment, default);

        Assert.Equal("Hello! How can I help today?", result.Value!.Choices[0].Text);
        var call = upstream.Last;
        Assert.Equal(recorded.Url.PathAndQuery, call.PathAndQuery);
        Assert.Equal(recorded.Headers["api-key"], call.Headers["api-key"]);
        var expected = JsonNode.Parse(recorded.Body)!.AsObject();
        expected["stream"] = false;
        OpenAIProviderKit.JsonEqual(expected, call.Body);
    }

    [Fact]
    public async Task CompleteAsync_AzureBearerAuthAndApiVersion_UsesAuthorizationHeader()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "azure-openai-chat-response.json", null));
        var deployment = OpenAIProviderKit.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o", upstream.BaseUrl, "entra-token",
            new() { ["auth"] = "bearer", ["apiVersion"] = "2025-04-01-preview" });

        await _provider.CompleteAsync(FixtureRequests.Basic(), deployment, default);

        var call = upstream.Last;
        Assert.Equal("/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview", call.PathAndQuery);
        Assert.Equal("Bearer entra-token", call.Headers["Authorization"]);
        Assert.False(call.Headers.ContainsKey("api-key"));
        Assert.False(call.Json.AsObject().ContainsKey("model"));
    }

    [Fact]
    public async Task CompleteAsync_NoCredential_SendsNoAuthorization()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "openai-chat-response.json", null));

        await _provider.CompleteAsync(FixtureRequests.Basic(), OpenAIProviderKit.Deployment(ProviderKinds.Ollama, "llama3.2", upstream.BaseUrl + "/v1", secret: null), default);

        Assert.False(upstream.Last.Headers.ContainsKey("Authorization"));
        Assert.Equal("llama3.2", (string?)upstream.Last.Json["model"]);
    }

    [Fact]
    public async Task CompleteAsync_GroqWithSeveralChoices_FailsWithoutCallingUpstream()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "openai-chat-response.json", null));
        var request = FixtureRequests.Basic();
        request.N = 3;

        var result = await _provider.CompleteAsync(request, OpenAIProviderKit.Deployment(ProviderKinds.Groq, "llama-3.1-8b-instant", upstream.BaseUrl), default);

        Assert.Equal("n", result.Error?.Param);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task CompleteAsync_ErrorObjectWithStatus200_ReturnsError()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "vllm-error-404.json", null));

        var result = await _provider.CompleteAsync(FixtureRequests.Basic(), OpenAIProviderKit.Deployment(ProviderKinds.Vllm, "m", upstream.BaseUrl), default);

        Assert.Equal(GatewayErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal("The model `gpt-4o` does not exist.", result.Error?.Message);
    }

    [Fact]
    public async Task CompleteAsync_UnreadableBody_ReturnsInvalidUpstreamResponse()
    {
        await using var upstream = await FakeUpstream.StartAsync(FakeReply.Json("{\"id\":\"x\",\"choices\":["));

        var result = await _provider.CompleteAsync(FixtureRequests.Basic(), OpenAIProviderKit.Deployment(ProviderKinds.OpenAI, "m", upstream.BaseUrl), default);

        Assert.Equal("invalid_upstream_response", result.Error?.Code);
    }
}
