using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class ClientDisconnectHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    [Fact]
    public async Task Post_ClientDisconnectsMidStream_CancelsUpstreamRequest()
    {
        // The node's upstream timeout is 30 s and the upstream would wait 30 s: only the disconnect can end it quickly.
        var response = await fixture.Host.Client.SendAsync(DataPlaneTestHost.Chat("hang", stream: true), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1024];
        Assert.True(await body.ReadAsync(buffer) > 0);

        response.Dispose();

        await fixture.Host.Scenarios.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var usage = await fixture.Host.WaitForUsageAsync(r => r.Model == "hang");
        Assert.Equal(499, usage.StatusCode);
    }
}
