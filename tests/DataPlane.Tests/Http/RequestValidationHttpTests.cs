using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class RequestValidationHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_MalformedJson_Returns400()
    {
        using var response = await Host.Client.SendAsync(Raw("{\"model\": \"basic\", \"messages\": [", TestSnapshots.Key));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_MissingMessages_Returns400WithParam()
    {
        using var response = await Host.Client.SendAsync(Raw("{\"model\":\"basic\"}", TestSnapshots.Key));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "missing_required_parameter");
        Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413()
    {
        var big = "{\"model\":\"basic\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 100 * 1024) + "\"}]}";

        using var response = await Host.Client.SendAsync(Raw(big, TestSnapshots.Key));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task Post_UnknownModel_Returns404ModelNotFound()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-nonexistent"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.NotFound, "model_not_found");
        Assert.Equal("The model `gpt-nonexistent` does not exist or you do not have access to it.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_ModelNotAllowedForKey_Returns403()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("basic", key: TestSnapshots.RestrictedKey));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Forbidden, "model_not_allowed");
        Assert.Equal("permission_error", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(TestSnapshots.RevokedKey)]
    [InlineData(TestSnapshots.ExpiredKey)]
    [InlineData("sk-sy-notAKeyWeKnowXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    public async Task Post_BadKey_Returns401(string key)
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("basic", key: key));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Get_UnknownV1Path_Returns404OpenAIError()
    {
        using var response = await Host.Client.GetAsync("/v1/embeddings/unknown");

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
    }

    private static HttpRequestMessage Raw(string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
