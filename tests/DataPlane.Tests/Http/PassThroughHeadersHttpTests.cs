using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>Only allow-listed headers cross the pass-through path, in either direction.</summary>
public class PassThroughHeadersHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_UpstreamResponseHeaders_OnlyAllowListedReachTheCaller()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("headers"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("req_upstream_1", response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("99", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("openai-organization"));
        Assert.False(response.Headers.Contains("x-internal-debug"));
    }

    [Fact]
    public async Task Post_CallerRequestHeaders_OnlyAllowListedReachTheUpstream()
    {
        using var request = DataPlaneTestHost.Chat("basic");
        request.Headers.Add("X-Internal-Tenant", "acme");
        request.Headers.Add("OpenAI-Organization", "org-caller");
        request.Headers.Add("Forwarded", "for=10.1.2.3");
        request.Headers.UserAgent.ParseAdd("OpenAI/Python 1.50.0");

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Host.Upstream.Requests.Last(r => r.Body.Contains("up-basic", StringComparison.Ordinal));
        Assert.False(seen.Headers.ContainsKey("X-Internal-Tenant"));
        Assert.False(seen.Headers.ContainsKey("OpenAI-Organization"));
        Assert.False(seen.Headers.ContainsKey("Forwarded"));
        Assert.Equal("OpenAI/Python 1.50.0", seen.Headers["User-Agent"]);
        Assert.Equal("application/json", seen.Headers["Content-Type"]);
    }
}
