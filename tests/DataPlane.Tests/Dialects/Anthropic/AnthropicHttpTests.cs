using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>The Anthropic surface of a running node, called the way the Anthropic SDK calls it (x-api-key, anthropic-version).</summary>
public class AnthropicHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private const string Body = """{"model":"MODEL","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";

    private DataPlaneTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("/v1/messages/count_tokens")]
    public async Task Post_BadKey_Returns401AuthenticationError(string path)
    {
        using var response = await Host.Client.SendAsync(Request(path, Body.Replace("MODEL", "basic", StringComparison.Ordinal), "sk-sy-notAKeyWeKnowXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"));

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
        Assert.DoesNotContain("notAKeyWeKnow", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/messages", "messages")]
    [InlineData("/v1/messages/count_tokens", "messages.count_tokens")]
    public async Task Post_UnknownModel_Returns404NotFoundErrorAndRecordsUsage(string path, string endpoint)
    {
        var model = "claude-nonexistent-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await Host.Client.SendAsync(Request(path, Body.Replace("MODEL", model, StringComparison.Ordinal)));

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.NotFound, "not_found_error");
        Assert.Contains(model, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var usage = await Host.WaitForUsageAsync(r => r.Model == model);
        Assert.Equal((endpoint, 404, "model_not_found"), (usage.Endpoint, usage.StatusCode, usage.ErrorCode));
    }

    [Fact]
    public async Task Post_MissingMaxTokens_Returns400InvalidRequestError()
    {
        using var response = await Host.Client.SendAsync(Request("/v1/messages", """{"model":"basic","messages":[{"role":"user","content":"Hello"}]}"""));

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Equal("max_tokens: Field required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_CountTokensWithoutMessages_Returns400()
    {
        using var response = await Host.Client.SendAsync(Request("/v1/messages/count_tokens", """{"model":"basic"}"""));

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Equal("messages: Field required", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_BadMessageRole_Returns400NamingThePath()
    {
        using var response = await Host.Client.SendAsync(Request("/v1/messages",
            """{"model":"basic","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"system","content":"b"}]}"""));

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.StartsWith("messages.1.role:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string path, string body, string key = TestSnapshots.Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private static async Task<JsonElement> AssertAnthropicErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        var requestId = root.GetProperty("request_id").GetString();
        Assert.StartsWith("req_", requestId, StringComparison.Ordinal);
        Assert.Equal(requestId, response.Headers.GetValues("request-id").Single());
        var error = root.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }
}
