using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>A data-plane node process stopped with SIGTERM while a stream is in flight.</summary>
public class GracefulDrainTests
{
    private const string SlowModel = "mock-slow";

    [Fact]
    public async Task Sigterm_StreamInFlight_NotReadyAtOnceStreamCompletesAndItsUsageIsStored()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await topology.StartNodeAsync(1);
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        await topology.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest(SlowModel,
            [new DeploymentRequest(ProviderKinds.Mock, SlowModel, Settings: new Dictionary<string, string> { ["tokensPerSecond"] = "3" })]));
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key, SlowModel) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "slow route usable");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        using var stream = await http.SendAsync(StreamRequest(topology.NodeUrl(1), key), HttpCompletionOption.ResponseHeadersRead);
        var body = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var first = await body.ReadLineAsync();
        topology.Node(1).Terminate();
        var readyz = await ReadyzAfterSigtermAsync(http, topology.NodeUrl(1));
        var refused = await GatewayCalls.ChatAsync(topology.NodeUrl(1), key);
        var rest = await body.ReadToEndAsync();
        var exitCode = await topology.Node(1).WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("data: {", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        Assert.EndsWith("data: [DONE]", rest.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Contains("Drained", topology.Node(1).Output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => (await topology.Admin.UsageAsync(scenario.Tenant.Id)).Any(u => u.Model == SlowModel && u.Stream && u.StatusCode == 200),
            TimeSpan.FromSeconds(30), "the stream's usage record stored by the control plane");
    }

    /// <summary>
    /// /readyz right after SIGTERM: asked a few times, since the signal reaches the process a moment after kill returns
    /// (the node keeps listening while the stream runs, so it still answers).
    /// </summary>
    private static async Task<HttpStatusCode> ReadyzAfterSigtermAsync(HttpClient http, string nodeUrl)
    {
        var status = HttpStatusCode.OK;
        for (var i = 0; i < 20 && status == HttpStatusCode.OK; i++)
        {
            using var response = await http.GetAsync(nodeUrl + "/readyz");
            status = response.StatusCode;
            await Task.Delay(status == HttpStatusCode.OK ? 50 : 0);
        }

        return status;
    }

    private static HttpRequestMessage StreamRequest(string nodeUrl, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, nodeUrl + "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{SlowModel}}","stream":true,"messages":[{"role":"user","content":"hello there"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
