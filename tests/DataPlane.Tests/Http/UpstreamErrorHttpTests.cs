using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class UpstreamErrorHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_Upstream429_PassesThroughWithRetryAfter()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("ratelimit"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.StartsWith("Rate limit reached", error.GetProperty("message").GetString());
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-tokens").Single());
        var usage = await Host.WaitForUsageAsync(r => r.Model == "ratelimit");
        Assert.Equal((429, "rate_limit_exceeded"), (usage.StatusCode, usage.ErrorCode));
    }

    [Fact]
    public async Task Post_Upstream500_Becomes502WithUpstreamMessage()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("servererror"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
        Assert.Equal("The server had an error while processing your request. Sorry about that!", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_UpstreamNonJsonOverload_IsWrappedAsRetryable503()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("plainerror"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "overloaded");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_UpstreamPlainTextError_IsNotEchoed()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("plaintext"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
        Assert.Equal("The upstream provider returned HTTP 500.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_UpstreamRedirect_Becomes502AndIsNotFollowed()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("redirect"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadGateway, "upstream_redirect");
        Assert.Contains("redirect", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Post_UpstreamDown_Returns502()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("down"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
    }
}
