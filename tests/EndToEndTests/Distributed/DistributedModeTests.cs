using System.Net;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>Control plane + two data-plane nodes as separate processes on PostgreSQL + RabbitMQ.</summary>
public class DistributedModeTests
{
    private static readonly TimeSpan PropagationLimit = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task CreateAndRevokeKey_ReachBothNodesWithinTwoSeconds()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        await WaitForRouteAsync(topology, scenario);

        var created = await topology.Admin.CreateKeyAsync(scenario.Tenant.Id, scenario.Team.Id, "app");
        var reachedBoth = await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), created.Secret) == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), created.Secret) == HttpStatusCode.OK,
            PropagationLimit, "new key accepted by both nodes");

        await topology.Admin.RevokeKeyAsync(scenario.Tenant.Id, created.Key.Id);
        var refusedByBoth = await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), created.Secret) == HttpStatusCode.Unauthorized
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), created.Secret) == HttpStatusCode.Unauthorized,
            PropagationLimit, "revoked key refused by both nodes");

        Assert.True(reachedBoth < PropagationLimit && refusedByBoth < PropagationLimit);
    }

    [Fact]
    public async Task ControlPlaneDown_NodesKeepServingAndRestartFromLastKnownGood()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "key usable on both nodes");

        topology.KillControlPlane();
        Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(1), key));
        Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(2), key));

        topology.KillNode(1);
        await topology.StartNodeAsync(1);

        Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(1), key));
        Assert.Equal(HttpStatusCode.Unauthorized, await GatewayCalls.ChatAsync(topology.NodeUrl(1), "sk-sy-unknown"));
    }

    [Fact]
    public async Task PlatformEgressAllowList_ReachesEveryNodeAndItsRemovalStopsTheUpstreamCalls()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var credential = await topology.Admin.CreateCredentialAsync(scenario.Tenant.Id, "upstream", ProviderKinds.OpenAI, upstream.OpenAIKey);
        var route = new RouteRequest("local-model", [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini", upstream.OpenAIBaseUrl, credential.Id)]);

        // The fake upstream is on loopback: refused when the route is saved, until a platform admin allows it.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => topology.Admin.CreateRouteAsync(scenario.Tenant.Id, route));
        Assert.Contains("deployments[0].baseUrl", refused.Message, StringComparison.Ordinal);
        await topology.Admin.SetEgressAllowListAsync([], ["127.0.0.1/32"]);
        await topology.Admin.CreateRouteAsync(scenario.Tenant.Id, route);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key, "local-model") == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), key, "local-model") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "both nodes reach the allowed upstream");

        await topology.Admin.SetEgressAllowListAsync([], []);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key, "local-model") == HttpStatusCode.BadGateway
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), key, "local-model") == HttpStatusCode.BadGateway,
            TimeSpan.FromSeconds(10), "both nodes refuse the upstream once it is off the list");
    }

    private static async Task WaitForRouteAsync(DistributedTopology topology, TenantScenario scenario)
    {
        // A throwaway key proves both nodes hold a snapshot with the scenario's route before timing starts.
        var probe = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), probe) == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), probe) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "both nodes serve the scenario route");
    }
}
