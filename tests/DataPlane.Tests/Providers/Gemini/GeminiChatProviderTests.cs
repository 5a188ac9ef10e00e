using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Tests.Infrastructure;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiChatProviderTests
{
    [Fact]
    public async Task CompleteAsync_TextAnswer_PostsToModelWithKeyHeaderAndMapsResponse()
    {
        await using var upstream = await RespondWithAsync(200, Fixture.Text("gemini-generatecontent-response.json"));
        var provider = new GeminiChatProvider(Client());

        var result = await provider.CompleteAsync(Request("public-name"), Deployment(upstream.BaseUrl), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal("Hello! How can I help you today?\n", result.Value!.Choices[0].Text);
        Assert.Equal(new TokenUsage(8, 10), result.Value.Usage);
        var call = upstream.Last;
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", call.PathAndQuery);
        Assert.Equal(Key, call.Headers["x-goog-api-key"]);
        Assert.False(call.Headers.ContainsKey("Authorization"));
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.DoesNotContain("public-name", call.Body, StringComparison.Ordinal);
        AssertJsonEqual(Json("""[{"role":"user","parts":[{"text":"Hello"}]}]"""), Json(call.Body).GetProperty("contents"));
    }

    [Fact]
    public async Task CompleteAsync_InvalidApiKey400_IsUpstreamAuthFailure()
    {
        await using var upstream = await RespondWithAsync(400, Fixture.Text("gemini-error-400-api-key.json"));

        var error = (await new GeminiChatProvider(Client()).CompleteAsync(Request(), Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(GatewayErrorKind.Upstream, error.Kind);
        Assert.Equal(502, error.Status);
        Assert.Equal("upstream_auth_failed", error.Code);
        Assert.Contains("API key not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_ResourceExhausted429_KeepsRetryDelayAsRetryAfter()
    {
        var body = Fixture.Text("gemini-error-429.json");
        var delay = Json(body).GetProperty("error").GetProperty("details").EnumerateArray()
            .Single(d => d.TryGetProperty("retryDelay", out _)).GetProperty("retryDelay").GetString()!;
        await using var upstream = await RespondWithAsync(429, body);

        var error = (await new GeminiChatProvider(Client()).CompleteAsync(Request(), Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(GatewayErrorKind.RateLimit, error.Kind);
        Assert.Equal(429, error.Status);
        Assert.Equal(delay.TrimEnd('s'), error.RetryAfter);
        Assert.Equal("41", error.RetryAfter);
    }

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
        GatewayErrorKind.InvalidRequest, 400, "context_length_exceeded")]
    [InlineData(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", GatewayErrorKind.InvalidRequest, 400, null)]
    [InlineData(403, "PERMISSION_DENIED", "Permission denied.", GatewayErrorKind.Upstream, 502, "upstream_auth_failed")]
    [InlineData(404, "NOT_FOUND", "models/nope is not found for API version v1beta.", GatewayErrorKind.NotFound, 404, "model_not_found")]
    [InlineData(500, "INTERNAL", "An internal error has occurred.", GatewayErrorKind.Upstream, 502, "upstream_error")]
    [InlineData(503, "UNAVAILABLE", "The model is overloaded.", GatewayErrorKind.Overloaded, 503, "overloaded")]
    public async Task CompleteAsync_GoogleErrors_MapToGatewayErrors(int status, string grpc, string message, GatewayErrorKind kind, int expectedStatus, string? code)
    {
        await using var upstream = await RespondWithAsync(status, $$$"""{"error":{"code":{{{status}}},"message":"{{{message}}}","status":"{{{grpc}}}"}}""");

        var error = (await new GeminiChatProvider(Client()).CompleteAsync(Request(), Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(kind, error.Kind);
        Assert.Equal(expectedStatus, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_PromptBlocked_IsContentFilterError()
    {
        await using var upstream = await RespondWithAsync(200, """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"modelVersion":"gemini-2.0-flash"}""");

        var error = (await new GeminiChatProvider(Client()).CompleteAsync(Request(), Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(GatewayErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("content_filter", error.Code);
    }

    [Fact]
    public async Task CompleteAsync_UnreadableBody_IsInvalidUpstreamResponse()
    {
        await using var upstream = await RespondWithAsync(200, "<html>oops</html>", "text/html");

        var error = (await new GeminiChatProvider(Client()).CompleteAsync(Request(), Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(502, error.Status);
        Assert.Equal("invalid_upstream_response", error.Code);
    }

    [Fact]
    public async Task CountTokensAsync_SystemAndTools_PostsGenerateContentRequestAndReturnsTotal()
    {
        await using var upstream = await RespondWithAsync(200, """{"totalTokens": 31,"promptTokensDetails":[{"modality":"TEXT","tokenCount":31}]}""");
        var request = Request();
        request.System.Add("Be brief.");
        request.MaxTokens = 50;
        request.Tools.Add(new ToolDefinition("f", "A function", Json("""{"type":"object","properties":{"x":{"type":"string"}}}""")));

        var result = await new GeminiChatProvider(Client()).CountTokensAsync(request, Deployment(upstream.BaseUrl, "gemini-2.5-flash"), CancellationToken.None);

        Assert.Equal(31, result.Value!.InputTokens);
        var call = upstream.Last;
        Assert.Equal("/v1beta/models/gemini-2.5-flash:countTokens", call.PathAndQuery);
        Assert.Equal(Key, call.Headers["x-goog-api-key"]);
        var inner = Json(call.Body).GetProperty("generateContentRequest");
        Assert.Equal("models/gemini-2.5-flash", inner.GetProperty("model").GetString());
        Assert.Equal("Be brief.", inner.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("f", inner.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("name").GetString());
        Assert.Equal("Hello", inner.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.False(inner.TryGetProperty("generationConfig", out _));
    }

    internal static ChatRequest Request(string model = "gemini")
    {
        var request = new ChatRequest { Model = model };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("Hello")] });
        return request;
    }
}
