using System.Net;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>Two nodes as separate processes in front of two upstreams, one of which goes away under load.</summary>
public class DistributedFailoverTests
{
    private const string Model = "ha-model";

    [Fact]
    public async Task UpstreamKilledUnderLoad_NoCallerRequestFailsAndBothNodesReportItsBreakerOpen()
    {
        var doomed = await FakeUpstream.StartAsync();
        await using var healthy = await FakeUpstream.StartAsync();
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        var fastReports = new Dictionary<string, string> { ["DataPlane__Routing__HealthReportSeconds"] = "1" };
        await Task.WhenAll(topology.StartNodeAsync(1, fastReports), topology.StartNodeAsync(2, fastReports));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        await topology.Admin.SetEgressAllowListAsync([], ["127.0.0.1/32"]);
        var credential = await topology.Admin.CreateCredentialAsync(scenario.Tenant.Id, "upstreams", ProviderKinds.OpenAI, healthy.OpenAIKey);
        var route = await topology.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest(Model,
            [
                new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini", doomed.OpenAIBaseUrl, credential.Id),
                new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini", healthy.OpenAIBaseUrl, credential.Id),
            ],
            Retry: new RouteRetrySettings(MaxAttempts: 3, BackoffMs: 0, MaxBackoffMs: 0),
            Breaker: new BreakerSettings(ConsecutiveFailures: 3, CooldownSeconds: 600)));
        var doomedId = route.Deployments[0].Id;
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key, Model) == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), key, Model) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "both nodes serve the route");

        using var load = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(i => RunLoadAsync(topology.NodeUrl(1 + (i % 2)), key, load.Token)).ToArray();
        await WaitForAsync(() => doomed.Requests.Count >= 20, "the doomed upstream to take its share of the load");
        await doomed.DisposeAsync();
        var servedByHealthyAtKill = healthy.Requests.Count;
        await WaitForAsync(() => healthy.Requests.Count >= servedByHealthyAtKill + 200, "the load to go on after the kill");
        await load.CancelAsync();
        var statuses = (await Task.WhenAll(workers)).SelectMany(s => s).ToList();

        Assert.True(statuses.Count > 200, $"only {statuses.Count} requests were sent");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        List<string> breakers = [];
        await Eventually.HoldsAsync(async () =>
        {
            var health = await topology.Admin.RouteHealthAsync(scenario.Tenant.Id, route.Id);
            breakers = [.. (health?.Deployments ?? []).Where(d => d.DeploymentId == doomedId && d.BreakerState == BreakerStates.Open).Select(d => d.NodeId).Order()];
            return breakers.Count == 2;
        }, TimeSpan.FromSeconds(15), "both nodes report the killed upstream's breaker open");
        Assert.Equal(["node-1", "node-2"], breakers);
    }

    private static async Task<List<HttpStatusCode>> RunLoadAsync(string nodeUrl, string key, CancellationToken stop)
    {
        var statuses = new List<HttpStatusCode>();
        while (!stop.IsCancellationRequested)
        {
            statuses.Add(await GatewayCalls.ChatAsync(nodeUrl, key, Model));
        }

        return statuses;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
