using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Testing.Upstream;
using static Switchyard.DataPlane.Tests.Providers.Anthropic.AnthropicTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

public class AnthropicChatProviderTests
{
    [Fact]
    public async Task CompleteAsync_Fixture_SendsAnthropicHeadersAndReadsResponse()
    {
        await using var upstream = await UpstreamAsync("/v1/messages", FakeReply.Json(Fixture.Text("anthropic-messages-response-tool-use.json")));
        var deployment = Deployment(upstream.BaseUrl, new() { ["beta"] = "prompt-caching-2024-07-31" });

        var result = await Provider().CompleteAsync(AnthropicRequestWriterTests.Simple(), deployment, CancellationToken.None);

        var response = result.Value!;
        Assert.Null(result.Error);
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", Assert.Single(response.Choices[0].ToolCalls).Id);
        Assert.Equal(new TokenUsage(377, 65), response.Usage);
        var call = upstream.Last;
        Assert.Equal(("POST", "/v1/messages"), (call.Method, call.PathAndQuery));
        Assert.Equal(Secret, call.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", call.Headers["anthropic-version"]);
        Assert.Equal("prompt-caching-2024-07-31", call.Headers["anthropic-beta"]);
        Assert.StartsWith("application/json", call.Headers["content-type"]);
        Assert.False(call.Headers.ContainsKey("authorization"));
        Assert.Equal(UpstreamModel, (string?)call.Json["model"]);
        Assert.False(call.Json.AsObject().ContainsKey("stream"));
    }

    [Theory]
    [InlineData("anthropic-error-400.json", 400, GatewayErrorKind.InvalidRequest, 400, "context_length_exceeded", null)]
    [InlineData("anthropic-error-400-missing-max-tokens.json", 400, GatewayErrorKind.InvalidRequest, 400, null, null)]
    [InlineData("anthropic-error-401.json", 401, GatewayErrorKind.Upstream, 502, "upstream_auth_failed", null)]
    [InlineData("anthropic-error-429.json", 429, GatewayErrorKind.RateLimit, 429, "rate_limit_exceeded", "13")]
    [InlineData("anthropic-error-529.json", 529, GatewayErrorKind.Overloaded, 529, "overloaded", null)]
    [InlineData("""{"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}""", 404, GatewayErrorKind.NotFound, 404, "model_not_found", null)]
    [InlineData("""{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}""", 413, GatewayErrorKind.RequestTooLarge, 413, "request_too_large", null)]
    [InlineData("""{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", 500, GatewayErrorKind.Upstream, 502, "upstream_error", null)]
    public async Task CompleteAsync_UpstreamError_MapsStatusTypeAndRetryAfter(string body, int status, GatewayErrorKind kind, int gatewayStatus, string? code, string? retryAfter)
    {
        await using var upstream = await ErrorUpstreamAsync(body, status);

        var result = await Provider().CompleteAsync(AnthropicRequestWriterTests.Simple(), Deployment(upstream.BaseUrl), CancellationToken.None);

        var error = result.Error!;
        Assert.Null(result.Value);
        Assert.Equal((kind, gatewayStatus, code, retryAfter), (error.Kind, error.Status, error.Code, error.RetryAfter));
        var upstreamMessage = JsonDocument.Parse(body.EndsWith(".json", StringComparison.Ordinal) ? Fixture.Text(body) : body).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(upstreamMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_UpstreamRejects_ReturnsErrorWithoutTouchingSink()
    {
        await using var upstream = await ErrorUpstreamAsync("anthropic-error-429.json", 429);
        var sink = new RecordingSink();

        var error = await Provider().StreamAsync(AnthropicRequestWriterTests.Simple(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.Equal((GatewayErrorKind.RateLimit, "13"), (error!.Kind, error.RetryAfter));
        Assert.Empty(sink.Events);
        Assert.True((bool)upstream.Last.Json["stream"]!);
    }

    [Fact]
    public async Task CompleteAsync_SeveralChoices_RefusesWithoutCallingUpstream()
    {
        await using var upstream = await UpstreamAsync("/v1/messages", FakeReply.Status(200));
        var request = AnthropicRequestWriterTests.Simple();
        request.N = 3;

        var result = await Provider().CompleteAsync(request, Deployment(upstream.BaseUrl), CancellationToken.None);

        Assert.Equal((GatewayErrorKind.InvalidRequest, "n"), (result.Error!.Kind, result.Error.Param));
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task CompleteAsync_Unreachable_ReturnsUpstreamError()
    {
        var result = await Provider().CompleteAsync(AnthropicRequestWriterTests.Simple(), Deployment("http://127.0.0.1:9"), CancellationToken.None);

        Assert.Equal((GatewayErrorKind.Upstream, 502), (result.Error!.Kind, result.Error.Status));
    }

    [Fact]
    public async Task CompleteAsync_BaseUrlWithV1_DoesNotDoubleIt()
    {
        await using var upstream = await UpstreamAsync("/v1/messages", FakeReply.Json(Fixture.Text("anthropic-messages-response.json")));

        var result = await Provider().CompleteAsync(AnthropicRequestWriterTests.Simple(), Deployment(upstream.BaseUrl + "/v1/"), CancellationToken.None);

        Assert.Equal(1516, result.Value!.Usage.InputTokens);
    }

    [Fact]
    public async Task CountTokensAsync_PostsPromptToCountTokens_ReturnsInputTokens()
    {
        await using var upstream = await UpstreamAsync("/v1/messages/count_tokens", FakeReply.Json("""{"input_tokens":2095}"""));
        var request = AnthropicRequestWriterTests.Simple();
        request.MaxTokens = 100;
        request.Stream = true;

        var result = await Provider().CountTokensAsync(request, Deployment(upstream.BaseUrl), CancellationToken.None);

        Assert.Equal(2095, result.Value!.InputTokens);
        var call = upstream.Last;
        Assert.Equal("/v1/messages/count_tokens", call.PathAndQuery);
        Assert.Equal(Secret, call.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", call.Headers["anthropic-version"]);
        Assert.Equal(["model", "messages"], call.Json.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task CountTokensAsync_UpstreamError_MapsIt()
    {
        await using var upstream = await UpstreamAsync("/v1/messages/count_tokens", FakeReply.Json(Fixture.Text("anthropic-error-401.json"), 401));

        var result = await Provider().CountTokensAsync(AnthropicRequestWriterTests.Simple(), Deployment(upstream.BaseUrl), CancellationToken.None);

        Assert.Equal("upstream_auth_failed", result.Error!.Code);
    }

    /// <summary>Answers /v1/messages with an error body (a fixture name or inline JSON) and the fixture's .headers if any.</summary>
    private static Task<FakeUpstream> ErrorUpstreamAsync(string body, int status)
    {
        var fixture = body.EndsWith(".json", StringComparison.Ordinal);
        var reply = FakeReply.Status(status, "application/json");
        var headers = fixture ? Fixture.Path(body[..^5] + ".headers") : "";
        if (File.Exists(headers))
        {
            foreach (var line in File.ReadAllLines(headers).Skip(1).Where(l => l.Contains(':')))
            {
                var (name, value) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..].Trim());
                if (name is not ("date" or "content-type" or "content-length"))
                {
                    reply.Header(name, value);
                }
            }
        }

        return UpstreamAsync("/v1/messages", reply.Write(fixture ? Fixture.Text(body) : body));
    }
}
