using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class UpstreamTimeoutHttpTests(ShortTimeoutHostFixture fixture) : IClassFixture<ShortTimeoutHostFixture>
{
    [Fact]
    public async Task Post_UpstreamSlowerThanTimeout_Returns504()
    {
        using var response = await fixture.Host.Client.SendAsync(DataPlaneTestHost.Chat("slow"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
    }

    [Fact]
    public async Task Post_StreamGoesSilentMidway_EndsWithTimeoutErrorEventAndDone()
    {
        using var response = await fixture.Host.Client.SendAsync(DataPlaneTestHost.Chat("hang", stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"code\":\"upstream_timeout\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        var usage = await fixture.Host.WaitForUsageAsync(r => r.Model == "hang" && r.Stream);
        Assert.Equal((504, "upstream_timeout"), (usage.StatusCode, usage.ErrorCode));
    }
}
