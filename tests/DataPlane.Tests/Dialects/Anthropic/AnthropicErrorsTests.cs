using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

public class AnthropicErrorsTests
{
    private static readonly AnthropicDialect Dialect = new();

    [Theory]
    [InlineData(GatewayErrorKind.InvalidRequest, 400, 400, "invalid_request_error")]
    [InlineData(GatewayErrorKind.InvalidRequest, 422, 422, "invalid_request_error")]
    [InlineData(GatewayErrorKind.Authentication, 401, 401, "authentication_error")]
    [InlineData(GatewayErrorKind.Permission, 403, 403, "permission_error")]
    [InlineData(GatewayErrorKind.NotFound, 404, 404, "not_found_error")]
    [InlineData(GatewayErrorKind.RequestTooLarge, 413, 413, "request_too_large")]
    [InlineData(GatewayErrorKind.RateLimit, 429, 429, "rate_limit_error")]
    [InlineData(GatewayErrorKind.Overloaded, 503, 529, "overloaded_error")]
    [InlineData(GatewayErrorKind.Unavailable, 503, 503, "api_error")]
    [InlineData(GatewayErrorKind.Upstream, 502, 502, "api_error")]
    [InlineData(GatewayErrorKind.Timeout, 504, 504, "api_error")]
    [InlineData(GatewayErrorKind.Server, 500, 500, "api_error")]
    public async Task WriteError_Kind_MapsStatusAndType(GatewayErrorKind kind, int status, int expectedStatus, string expectedType)
    {
        var (context, body, state) = await WriteAsync(new GatewayError(kind, status, "Something happened."));

        Assert.Equal(expectedStatus, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal(expectedType, body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("Something happened.", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal((expectedStatus, expectedType), (state.StatusCode, state.ErrorCode));
    }

    [Theory]
    [InlineData("anthropic-error-529.json", GatewayErrorKind.Overloaded, 529, "Overloaded")]
    [InlineData("anthropic-error-401.json", GatewayErrorKind.Authentication, 401, "invalid x-api-key")]
    [InlineData("anthropic-error-400-missing-max-tokens.json", GatewayErrorKind.InvalidRequest, 400, "max_tokens: Field required")]
    public async Task WriteError_MatchesFixtureShape(string fixture, GatewayErrorKind kind, int status, string message)
    {
        var (context, body, _) = await WriteAsync(new GatewayError(kind, status, message));

        JsonCompare.Equal(JsonNode.Parse(Fixture.Text(fixture)), body, ignore: ["request_id"]);
        var requestId = body["request_id"]!.GetValue<string>();
        Assert.Matches("^req_[A-Za-z0-9]{24}$", requestId);
        Assert.Equal(requestId, context.Response.Headers["request-id"].ToString());
    }

    [Fact]
    public async Task WriteError_RateLimitWithRetryAfter_SetsHeaderAndRecordsCode()
    {
        var (context, _, state) = await WriteAsync(new GatewayError(GatewayErrorKind.RateLimit, 429, "Slow down.") { RetryAfter = "13", Code = "rate_limit_exceeded" });

        Assert.Equal("13", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal((429, "rate_limit_exceeded"), (state.StatusCode, state.ErrorCode));
    }

    [Fact]
    public async Task WriteError_GatewayCode_InErrorCodeBesideAnthropicType()
    {
        var (_, body, _) = await WriteAsync(GatewayError.InvalidRequest("Blocked by policy 'pii'.", code: "guardrail_blocked"));

        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("guardrail_blocked", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteError_NoGatewayCode_NoCodeMember()
    {
        var (_, body, _) = await WriteAsync(new GatewayError(GatewayErrorKind.NotFound, 404, "No such model."));

        Assert.False(body["error"]!.AsObject().ContainsKey("code"));
    }

    [Fact]
    public async Task WriteError_ResponseStarted_WritesNothing()
    {
        var context = new DefaultHttpContext();
        var stream = new MemoryStream();
        context.Response.Body = stream;
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());

        await Dialect.WriteErrorAsync(context, GatewayError.Server());

        Assert.Equal(0, stream.Length);
    }

    private static async Task<(HttpContext Context, JsonNode Body, RecordingObserver State)> WriteAsync(GatewayError error)
    {
        var context = new DefaultHttpContext();
        var stream = new MemoryStream();
        context.Response.Body = stream;
        var state = new RecordingObserver();
        context.Features.Set<IResponseObserver>(state);
        await Dialect.WriteErrorAsync(context, error);
        return (context, JsonNode.Parse(Encoding.UTF8.GetString(stream.ToArray()))!, state);
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
