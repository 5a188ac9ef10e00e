using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using static Switchyard.ControlPlane.Tests.Features.Routes.DeploymentHealthReportedConsumerTests;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class GetRouteHealthTests
{
    [Fact]
    public async Task GetRouteHealth_Developer_EachDeploymentInRouteOrderThenNodeAndStaleNodesLeftOut()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var (a, b) = (route.Deployments[0].Id, route.Deployments[1].Id);
        var now = DateTimeOffset.UtcNow;
        var stale = now - Switchyard.ControlPlane.Features.Routes.RouteHealth.StaleAfter - TimeSpan.FromMinutes(1);
        // The stale node's report was fresh when it arrived; it is old now.
        await ConsumeAsync(host, stale, Report("node-gone", stale, Health(tenant, route, a, BreakerStates.Open)));
        await ConsumeAsync(host, now, Report("node-2", now.AddMinutes(-4), Health(tenant, route, b, BreakerStates.HalfOpen), Health(tenant, route, a, BreakerStates.Closed)));
        await ConsumeAsync(host, now, Report("node-1", now, Health(tenant, route, b, BreakerStates.Open) with { CooldownUntil = now.AddSeconds(30) }));
        using var developer = await host.MemberClientAsync(tenant, "dev@acme.test", MemberRole.Developer);

        var health = await developer.GetFromJsonAsync<RouteHealthDto>($"/api/tenants/{tenant}/routes/{route.Id}/health", SwitchyardJson.Options);

        Assert.Equal((route.Id, "gpt"), (health!.RouteId, health.PublicModel));
        Assert.Equal([(a, "node-2"), (b, "node-1"), (b, "node-2")], health.Deployments.Select(d => (d.DeploymentId, d.NodeId)));
        var open = health.Deployments[1];
        Assert.Equal((BreakerStates.Open, now.AddSeconds(30), 120.5, 0.1, 20), (open.BreakerState, open.CooldownUntil, open.LatencyMs, open.ErrorRate, open.Requests));
    }

    [Fact]
    public async Task GetRouteHealth_RouteOfAnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await RouteAsync(host, "Acme");
        var (otherTenant, otherRoute) = await RouteAsync(host, "Other");
        var now = DateTimeOffset.UtcNow;
        await ConsumeAsync(host, now, Report("node-1", now, Health(otherTenant, otherRoute, otherRoute.Deployments[0].Id, BreakerStates.Open)));
        using var tenantAdmin = await host.MemberClientAsync(tenant, "admin@acme.test", MemberRole.TenantAdmin);

        var viaOwnTenant = await tenantAdmin.GetAsync($"/api/tenants/{tenant}/routes/{otherRoute.Id}/health");
        var viaOtherTenant = await tenantAdmin.GetAsync($"/api/tenants/{otherTenant}/routes/{otherRoute.Id}/health");

        Assert.Equal(HttpStatusCode.NotFound, viaOwnTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOtherTenant.StatusCode);
    }

    [Fact]
    public async Task UpdateRoute_DeploymentsReplaced_TheirHealthRowsGo()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        await ConsumeAsync(host, now, Report("node-1", now, Health(tenant, route, route.Deployments[0].Id, BreakerStates.Open)));

        var updated = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant}/routes/{route.Id}",
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-c")]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => db.DeploymentNodeHealth.CountAsync()));
    }

    [Fact]
    public async Task UpdateRoute_SameUpstreamNewWeight_KeepsDeploymentIdAndHealth()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        var (first, second) = (route.Deployments[0], route.Deployments[1]);
        await ConsumeAsync(host, now, Report("node-1", now, Health(tenant, route, second.Id, BreakerStates.Open)));

        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant}/routes/{route.Id}",
            new RouteRequest("gpt", [
                new DeploymentRequest(second.ProviderKind, second.UpstreamModel, second.BaseUrl, second.CredentialId, Weight: 9, Settings: second.Settings),
                new DeploymentRequest(ProviderKinds.Mock, "mock-new"),
            ]), SwitchyardJson.Options);
        var updated = await response.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((second.Id, 9), (updated!.Deployments[0].Id, updated.Deployments[0].Weight));
        Assert.DoesNotContain(updated.Deployments, d => d.Id == first.Id);
        Assert.Equal(second.Id, Assert.Single(await host.WithDbAsync(db => db.DeploymentNodeHealth.Select(h => h.DeploymentId).ToListAsync())));
    }
}
