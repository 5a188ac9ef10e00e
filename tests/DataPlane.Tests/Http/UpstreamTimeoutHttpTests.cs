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
}
