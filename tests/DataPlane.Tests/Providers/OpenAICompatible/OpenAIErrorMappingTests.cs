using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIErrorMappingTests
{
    private readonly OpenAIChatProvider _provider = new(OpenAIProviderKit.Client);

    [Theory]
    [InlineData(ProviderKinds.OpenAI, 400, "openai-error-400-context-length.json", null, GatewayErrorKind.InvalidRequest, 400, "context_length_exceeded", "messages", null)]
    [InlineData(ProviderKinds.OpenAI, 400, "openai-error-400-unsupported-parameter.json", null, GatewayErrorKind.InvalidRequest, 400, "unsupported_parameter", "max_tokens", null)]
    [InlineData(ProviderKinds.OpenAI, 400, "openai-error-400-metadata-without-store.json", null, GatewayErrorKind.InvalidRequest, 400, null, "metadata", null)]
    [InlineData(ProviderKinds.OpenAI, 401, "openai-error-401.json", null, GatewayErrorKind.Upstream, 502, "upstream_auth_failed", null, null)]
    [InlineData(ProviderKinds.OpenAI, 404, "openai-error-404-model.json", null, GatewayErrorKind.NotFound, 404, "model_not_found", null, null)]
    [InlineData(ProviderKinds.OpenAI, 429, "openai-error-429-rate-limit.json", "openai-error-429-rate-limit.headers", GatewayErrorKind.RateLimit, 429, "rate_limit_exceeded", null, "1")]
    [InlineData(ProviderKinds.OpenAI, 429, "openai-error-429-insufficient-quota.json", null, GatewayErrorKind.RateLimit, 429, "insufficient_quota", null, "1")]
    [InlineData(ProviderKinds.OpenAI, 500, "openai-error-500.json", null, GatewayErrorKind.Upstream, 502, "upstream_error", null, null)]
    [InlineData(ProviderKinds.AzureOpenAI, 400, "azure-openai-error-400-content-filter.json", null, GatewayErrorKind.InvalidRequest, 400, "content_filter", "prompt", null)]
    [InlineData(ProviderKinds.AzureOpenAI, 429, "azure-openai-error-429.json", "azure-openai-error-429.headers", GatewayErrorKind.RateLimit, 429, "rate_limit_exceeded", null, "6")]
    [InlineData(ProviderKinds.Vllm, 404, "vllm-error-404.json", null, GatewayErrorKind.NotFound, 404, "model_not_found", null, null)]
    [InlineData(ProviderKinds.Vllm, 404, "vllm-error-404-legacy.json", null, GatewayErrorKind.NotFound, 404, "model_not_found", null, null)]
    [InlineData(ProviderKinds.Ollama, 404, "ollama-error-404.json", null, GatewayErrorKind.NotFound, 404, "model_not_found", null, null)]
    public async Task CompleteAsync_RecordedError_MapsKindStatusCodeAndRetryAfter(
        string kind, int status, string body, string? headers, GatewayErrorKind expectedKind, int expectedStatus, string? code, string? param, string? retryAfter)
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(status, body, headers));

        var result = await _provider.CompleteAsync(FixtureRequests.Basic(), OpenAIProviderKit.Deployment(kind, "m", upstream.BaseUrl), default);

        var error = Assert.IsType<GatewayError>(result.Error);
        Assert.Equal((expectedKind, expectedStatus, code, param, retryAfter), (error.Kind, error.Status, error.Code, error.Param, error.RetryAfter));
        var root = FixtureRequests.Root(body);
        var message = (root.TryGetProperty("error", out var e) ? e : root).GetProperty("message").GetString()!;
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_RateLimitedBeforeStart_ReturnsErrorAndLeavesSinkUntouched()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(429, "azure-openai-error-429.json", "azure-openai-error-429.headers"));
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(FixtureRequests.StreamUsage(), OpenAIProviderKit.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o", upstream.BaseUrl), sink, default);

        Assert.Equal((GatewayErrorKind.RateLimit, "6"), (error?.Kind, error?.RetryAfter));
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData(404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""", GatewayErrorKind.NotFound, "model_not_found")]
    [InlineData(400, """{"object":"error","message":"Prompt contains 40000 tokens, too large for model with 32768 maximum context length","type":"invalid_request_error","param":null,"code":null}""", GatewayErrorKind.InvalidRequest, "context_length_exceeded")]
    [InlineData(422, """{"object":"error","message":{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required"}]},"type":"invalid_request_message_error","param":null,"code":null}""", GatewayErrorKind.InvalidRequest, null)]
    [InlineData(400, """{"error":{"message":"The input (5000 tokens) is longer than the model's context length (4096 tokens).","type":"BadRequestError","param":null,"code":400}}""", GatewayErrorKind.InvalidRequest, "context_length_exceeded")]
    [InlineData(503, "upstream connect error or disconnect/reset before headers", GatewayErrorKind.Overloaded, "overloaded")]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", GatewayErrorKind.Upstream, "upstream_error")]
    public void FromResponse_OtherShapes_MapsKindAndCode(int status, string body, GatewayErrorKind kind, string? code)
    {
        var error = OpenAIErrorReader.FromResponse(status, Encoding.UTF8.GetBytes(body), null);

        Assert.Equal((kind, code), (error.Kind, error.Code));
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_MistralValidationDetail_KeepsDetailAsMessage()
    {
        var error = OpenAIErrorReader.FromResponse(422, """{"object":"error","message":{"detail":[{"msg":"Field required"}]},"type":"invalid_request_message_error"}"""u8, null);

        Assert.Equal(422, error.Status);
        Assert.Contains("Field required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", GatewayErrorKind.RateLimit, 429)]
    [InlineData("""{"error":{"message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}}""", GatewayErrorKind.NotFound, 404)]
    [InlineData("""{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""", GatewayErrorKind.Upstream, 502)]
    public void FromErrorObject_StreamErrorEvent_InfersStatus(string json, GatewayErrorKind kind, int status)
    {
        var error = OpenAIErrorReader.FromErrorObject(JsonDocument.Parse(json).RootElement);

        Assert.Equal((kind, status), (error.Kind, error.Status));
    }
}
