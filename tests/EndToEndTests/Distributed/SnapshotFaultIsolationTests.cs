using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>
/// One tenant's route that no node can accept (written straight into the database, past the admin API's validation) must
/// not stop anyone else's config: control plane and two nodes as processes on PostgreSQL + RabbitMQ.
/// </summary>
public class SnapshotFaultIsolationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task InvalidRouteOfTenantA_TenantBKeysAndRevocationsReachEveryNode_AModelAnswers503_NodesReportIt()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2));
        var a = await TenantScenario.CreateAsync(topology.Admin, "tenant-a-" + Guid.NewGuid().ToString("N")[..6]);
        var b = await TenantScenario.CreateAsync(topology.Admin, "tenant-b-" + Guid.NewGuid().ToString("N")[..6]);
        var keyOfA = await a.CreateKeyAsync(topology.Admin);
        await OnBothNodesAsync(topology, node => GatewayCalls.ChatAsync(node, keyOfA), HttpStatusCode.OK, "tenant A's key works");

        var broken = await InsertRouteNodesCannotAcceptAsync(topology, a.Tenant.Id, "a-broken");

        var keyOfB = await topology.Admin.CreateKeyAsync(b.Tenant.Id, b.Team.Id, "new-key-of-b");
        await OnBothNodesAsync(topology, node => GatewayCalls.ChatAsync(node, keyOfB.Secret), HttpStatusCode.OK, "tenant B's new key accepted");
        await topology.Admin.RevokeKeyAsync(b.Tenant.Id, keyOfB.Key.Id);
        await OnBothNodesAsync(topology, node => GatewayCalls.ChatAsync(node, keyOfB.Secret), HttpStatusCode.Unauthorized, "tenant B's revoked key refused");

        foreach (var node in new[] { topology.NodeUrl(1), topology.NodeUrl(2) })
        {
            var (status, code, message) = await ChatErrorAsync(node, keyOfA, "a-broken");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("route_unavailable", code);
            Assert.Contains("strategy", message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(node, keyOfA));
        }

        NodeStatusDto[] nodes = [];
        await Eventually.HoldsAsync(async () =>
        {
            nodes = await topology.Admin.GetAsync<NodeStatusDto[]>("/api/nodes");
            return nodes.Count(n => n.Succeeded && n.Rejected.Any(r => r.Id == broken)) == 2;
        }, Limit, "both nodes report the rejected route");
        Assert.All(nodes, n =>
        {
            var item = Assert.Single(n.Rejected);
            Assert.Equal((a.Tenant.Id, "route"), (item.TenantId, item.Kind));
            Assert.Contains("strategy", item.Reason, StringComparison.Ordinal);
        });
    }

    /// <summary>Saves a route with a strategy no node knows, through EF Core but not through the admin API.</summary>
    private static async Task<Guid> InsertRouteNodesCannotAcceptAsync(DistributedTopology topology, Guid tenantId, string publicModel)
    {
        var options = new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql(topology.DatabaseConnectionString).Options;
        await using var db = new PostgresControlPlaneDbContext(options, new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
        var route = new ModelRoute
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            PublicModel = publicModel,
            Strategy = "fastest-of-all",
            CreatedAt = DateTimeOffset.UtcNow,
            Deployments = [new RouteDeployment { Id = Guid.CreateVersion7(), ProviderKind = ProviderKinds.Mock, UpstreamModel = "mock-1", Weight = 1 }],
        };
        db.ModelRoutes.Add(route);
        await db.SaveChangesAsync();
        return route.Id;
    }

    private static async Task OnBothNodesAsync(DistributedTopology topology, Func<string, Task<HttpStatusCode>> call, HttpStatusCode expected, string what) =>
        await Eventually.HoldsAsync(
            async () => await call(topology.NodeUrl(1)) == expected && await call(topology.NodeUrl(2)) == expected, Limit, what);

    private static async Task<(HttpStatusCode Status, string? Code, string Message)> ChatErrorAsync(string nodeUrl, string key, string model)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, nodeUrl + "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        return (response.StatusCode, error.GetProperty("code").GetString(), error.GetProperty("message").GetString()!);
    }
}
