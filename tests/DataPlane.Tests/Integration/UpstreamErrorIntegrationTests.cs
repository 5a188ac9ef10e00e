using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>Upstream failures before any answer (rate limit, overload, refused credential) in each caller dialect.</summary>
public class UpstreamErrorIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    /// <summary>Family × caller dialect (true = Anthropic) × stream × the Retry-After the caller must get.</summary>
    public static TheoryData<string, bool, bool, string> RateLimited()
    {
        var data = new TheoryData<string, bool, bool, string>();
        foreach (var (anthropicCaller, stream) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            // The fakes say 7 s (retry-after header; Gemini RetryInfo "7s"); Bedrock's ThrottlingException says nothing.
            foreach (var (family, retryAfter) in new[] { ("openai", "7"), ("azure", "7"), ("anthropic", "7"), ("gemini", "7"), ("mistral", "7"), ("bedrock", "1") })
            {
                data.Add(family + "-ratelimit", anthropicCaller, stream, retryAfter);
            }
        }

        return data;
    }

    public static TheoryData<bool, bool> DialectsAndStream() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(RateLimited))]
    public async Task Request_UpstreamRateLimited_Returns429WithRetryAfterInCallerDialect(string name, bool anthropicCaller, bool stream, string retryAfter)
    {
        var c = ProviderCases.Get(name);

        using var response = await SendAsync(c, anthropicCaller, stream);

        var error = await ErrorAsync(response, HttpStatusCode.TooManyRequests, anthropicCaller);
        // The first request relays the upstream's Retry-After; the deployment is then skipped until that time, so later
        // requests of the same route are told the time left.
        Assert.InRange(int.Parse(response.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture), 1, int.Parse(retryAfter, CultureInfo.InvariantCulture));
        Assert.Equal(anthropicCaller ? "rate_limit_error" : "rate_limit_exceeded", Str(anthropicCaller ? error["type"] : error["code"]));
        var usage = await fixture.UsageAsync(c.PublicModel, Endpoint(anthropicCaller), stream);
        Assert.Equal((429, c.Kind), (usage.StatusCode, usage.ProviderKind));
    }

    [Theory]
    [MemberData(nameof(DialectsAndStream))]
    public async Task Request_AnthropicOverloaded_OpenAICallerGets503AnthropicCaller529(bool anthropicCaller, bool stream)
    {
        var c = ProviderCases.Get("anthropic-overloaded");

        using var response = await SendAsync(c, anthropicCaller, stream);

        var error = await ErrorAsync(response, anthropicCaller ? (HttpStatusCode)529 : HttpStatusCode.ServiceUnavailable, anthropicCaller);
        if (anthropicCaller)
        {
            Assert.Equal("overloaded_error", Str(error["type"]));
        }

        var usage = await fixture.UsageAsync(c.PublicModel, Endpoint(anthropicCaller), stream);
        Assert.Equal(anthropicCaller ? 529 : 503, usage.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DialectsAndStream))]
    public async Task Request_GeminiRefusesGatewayKey_Returns502WithoutLeakingKeys(bool anthropicCaller, bool stream)
    {
        var c = ProviderCases.GeminiBadKey;

        using var response = await SendAsync(c, anthropicCaller, stream);

        var error = await ErrorAsync(response, HttpStatusCode.BadGateway, anthropicCaller);
        Assert.Equal(anthropicCaller ? "api_error" : "upstream_auth_failed", Str(anthropicCaller ? error["type"] : error["code"]));
        var text = error.ToJsonString();
        Assert.DoesNotContain(ProviderIntegrationFixture.WrongGeminiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Infrastructure.TestSnapshots.Key, text, StringComparison.Ordinal);
        var usage = await fixture.UsageAsync(c.PublicModel, Endpoint(anthropicCaller), stream);
        Assert.Equal((502, "upstream_auth_failed"), (usage.StatusCode, usage.ErrorCode));
    }

    private static string Endpoint(bool anthropicCaller) => anthropicCaller ? "messages" : "chat.completions";

    private Task<HttpResponseMessage> SendAsync(ProviderCase c, bool anthropicCaller, bool stream) => anthropicCaller
        ? fixture.MessagesAsync(MessagesBody(c.PublicModel, Nonce(), stream))
        : fixture.ChatAsync(ChatBody(c.PublicModel, Nonce(), stream));

    /// <summary>
    /// Asserts the status and the caller dialect's JSON error shape (OpenAI: error{message,type,param,code}; Anthropic:
    /// type "error", error{type,message}) and returns the inner error object.
    /// </summary>
    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, bool anthropicCaller)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!;
        var error = json["error"]!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace(Str(error["message"])));
        if (anthropicCaller)
        {
            Assert.Equal("error", Str(json["type"]));
        }
        else
        {
            Assert.True(error.ContainsKey("type") && error.ContainsKey("param") && error.ContainsKey("code"), body);
        }

        return error;
    }
}
