using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Routing and resilience settings and the nodes' deployment health on PostgreSQL over RabbitMQ.</summary>
public sealed class PostgresRouteHealthTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HealthReports_OverRabbitMqOnPostgres_UpsertedPerNodeAndDeploymentAndServed()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("health"));
        var route = await host.PostAsync<RouteDto>(host.Admin, $"/api/tenants/{tenant.Id}/routes", new RouteRequest("gpt",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-a"), new DeploymentRequest(ProviderKinds.Mock, "mock-b")]));
        var (a, b) = (route.Deployments[0].Id, route.Deployments[1].Id);
        var publish = host.App.Services.GetRequiredService<IPublishEndpoint>();
        var now = DateTimeOffset.UtcNow;

        await publish.Publish(Report("node-1", now.AddSeconds(-2), Health(tenant.Id, route.Id, a, BreakerStates.Closed, 1), Health(tenant.Id, route.Id, b, BreakerStates.Closed, 0)));
        await EventuallyAsync(async () => (await HealthAsync(host, tenant.Id, route.Id)).Deployments.Count == 2);
        await publish.Publish(Report("node-1", now, Health(tenant.Id, route.Id, b, BreakerStates.Open, 3)));
        await publish.Publish(Report("node-2", now, Health(tenant.Id, route.Id, a, BreakerStates.HalfOpen, 5)));
        await EventuallyAsync(async () => (await HealthAsync(host, tenant.Id, route.Id)).Deployments.Count == 3
                                          && (await HealthAsync(host, tenant.Id, route.Id)).Deployments.Any(d => d.BreakerState == BreakerStates.Open));

        var health = await HealthAsync(host, tenant.Id, route.Id);
        Assert.Equal(
            [(a, "node-1", BreakerStates.Closed, 1), (a, "node-2", BreakerStates.HalfOpen, 5), (b, "node-1", BreakerStates.Open, 3)],
            health.Deployments.Select(d => (d.DeploymentId, d.NodeId, d.BreakerState, d.InFlight)));
        Assert.Equal(3, await host.WithDbAsync(db => db.DeploymentNodeHealth.CountAsync()));
        using var otherTenant = await host.Admin.GetAsync($"/api/tenants/{(await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("other"))).Id}/routes/{route.Id}/health");
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }

    [Fact]
    public async Task ResilienceFields_OnPostgres_StoredReturnedAndAttemptsKept()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("resilience"));
        await host.PostAsync<RouteDto>(host.Admin, $"/api/tenants/{tenant.Id}/routes", new RouteRequest("claude", [new DeploymentRequest(ProviderKinds.Mock, "mock-c")]));
        var request = new RouteRequest("gpt",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-a", Priority: 3, InputPricePerMTok: 2.5m, OutputPricePerMTok: 100_000m, HealthCheckIntervalSeconds: 60)],
            RoutingStrategies.Priority, Fallbacks: ["claude"], Sticky: true,
            Retry: new RouteRetrySettings(4), Timeouts: new RouteTimeouts(TotalMs: 30_000), Breaker: new BreakerSettings(CooldownSeconds: 10));

        var created = await host.PostAsync<RouteDto>(host.Admin, $"/api/tenants/{tenant.Id}/routes", request);
        var got = (await host.Admin.GetFromJsonAsync<RouteDto>($"/api/tenants/{tenant.Id}/routes/{created.Id}", SwitchyardJson.Options))!;

        Assert.Equal(["claude"], got.Fallbacks!);
        Assert.Equal((true, request.Retry, request.Timeouts, request.Breaker), (got.Sticky, got.Retry, got.Timeouts, got.Breaker));
        Assert.Equal((3, (decimal?)2.5m, (decimal?)100_000m, (int?)60), (got.Deployments[0].Priority, got.Deployments[0].InputPricePerMTok,
            got.Deployments[0].OutputPricePerMTok, got.Deployments[0].HealthCheckIntervalSeconds));

        UsageAttempt[] attempts = [new(created.Id, created.Deployments[0].Id, "mock", 503, "upstream_error", 12.5), new(created.Id, created.Deployments[0].Id, "mock", 200, null, 40)];
        var record = new UsageRecord(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "it-node", tenant.Id, Guid.Empty, Guid.CreateVersion7(), "chat.completions", "gpt",
            created.Id, created.Deployments[0].Id, "mock", "mock-a", false, 10, 5, 200, null, 52.5, null, attempts);
        await host.App.Services.GetRequiredService<IPublishEndpoint>().Publish(new UsageBatchReported(Guid.NewGuid(), "it-node", [record]));
        await EventuallyAsync(async () => (await host.Admin.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options))!.Length == 1);

        var usage = Assert.Single((await host.Admin.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options))!);
        Assert.Equal(attempts, usage.Attempts!);
    }

    private static async Task<RouteHealthDto> HealthAsync(PostgresControlPlaneHost host, Guid tenantId, Guid routeId) =>
        (await host.Admin.GetFromJsonAsync<RouteHealthDto>($"/api/tenants/{tenantId}/routes/{routeId}/health", SwitchyardJson.Options))!;

    private static DeploymentHealthReported Report(string node, DateTimeOffset at, params DeploymentHealth[] deployments) => new(node, at, deployments);

    private static DeploymentHealth Health(Guid tenantId, Guid routeId, Guid deploymentId, string state, int inFlight) =>
        new(tenantId, routeId, deploymentId, state, null, 100, inFlight, 0, 10);

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never became true.");
            await Task.Delay(100);
        }
    }
}
