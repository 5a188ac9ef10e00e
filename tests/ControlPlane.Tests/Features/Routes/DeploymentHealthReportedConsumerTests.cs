using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Tests.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class DeploymentHealthReportedConsumerTests
{
    [Fact]
    public async Task Consume_ReportsOfTwoNodes_OneRowPerNodeAndDeploymentHoldingTheLatest()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        var (a, b) = (route.Deployments[0].Id, route.Deployments[1].Id);

        await ConsumeAsync(host, now, Report("node-1", now.AddSeconds(-10), Health(tenant, route, a, BreakerStates.Closed, inFlight: 1), Health(tenant, route, b, BreakerStates.Closed)));
        await ConsumeAsync(host, now, Report("node-1", now.AddSeconds(-5), Health(tenant, route, a, BreakerStates.Open, inFlight: 2)));
        await ConsumeAsync(host, now, Report("node-1", now.AddSeconds(-8), Health(tenant, route, a, BreakerStates.HalfOpen, inFlight: 3)));
        await ConsumeAsync(host, now, Report("node-2", now.AddSeconds(-1), Health(tenant, route, a, BreakerStates.Closed, inFlight: 4)));

        var rows = await host.WithDbAsync(db => db.DeploymentNodeHealth.ToListAsync());
        // Both ids are UUIDv7 of the same millisecond: their order is random, so order by position in the route.
        Assert.Equal(
            [("node-1", a, BreakerStates.Open, 2), ("node-1", b, BreakerStates.Closed, 0), ("node-2", a, BreakerStates.Closed, 4)],
            rows.OrderBy(r => r.NodeId, StringComparer.Ordinal).ThenBy(r => r.DeploymentId == a ? 0 : 1).Select(r => (r.NodeId, r.DeploymentId, r.BreakerState, r.InFlight)));
        Assert.All(rows, r => Assert.Equal(tenant, r.TenantId));
    }

    [Fact]
    public async Task Consume_UnknownDeploymentsWrongRouteOrTenantAndUnknownState_Ignored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var (otherTenant, otherRoute) = await RouteAsync(host, "Other");
        var now = DateTimeOffset.UtcNow;
        var deployment = route.Deployments[0].Id;

        await ConsumeAsync(host, now, Report("node-1", now,
            Health(tenant, route, Guid.CreateVersion7(), BreakerStates.Closed),
            Health(otherTenant, route, deployment, BreakerStates.Closed),
            Health(tenant, otherRoute, deployment, BreakerStates.Closed),
            Health(otherTenant, otherRoute, deployment, BreakerStates.Closed),
            Health(tenant, route, route.Deployments[1].Id, "melted")));

        Assert.Equal(0, await host.WithDbAsync(db => db.DeploymentNodeHealth.CountAsync()));
    }

    [Fact]
    public async Task Consume_OutOfRangeValuesAndOverlongNodeId_ClampedAndStored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        var longNode = new string('n', DeploymentNodeHealth.NodeIdMaxLength + 50);

        await ConsumeAsync(host, now, Report(longNode, now,
            new DeploymentHealth(tenant, route.Id, route.Deployments[0].Id, BreakerStates.Closed, null, double.NaN, -3, 7.5, -1),
            new DeploymentHealth(tenant, route.Id, route.Deployments[1].Id, BreakerStates.Open, now.AddSeconds(30), -5, 2, double.PositiveInfinity, 9)));

        var rows = await host.WithDbAsync(db => db.DeploymentNodeHealth.ToListAsync());
        Assert.All(rows, r => Assert.Equal(DeploymentNodeHealth.NodeIdMaxLength, r.NodeId.Length));
        var first = rows.Single(r => r.DeploymentId == route.Deployments[0].Id);
        var second = rows.Single(r => r.DeploymentId == route.Deployments[1].Id);
        Assert.Equal(((double?)null, 0, (double?)1, 0), (first.LatencyMs, first.InFlight, first.ErrorRate, first.Requests));
        Assert.Equal(((double?)0, 2, (double?)null, 9), (second.LatencyMs, second.InFlight, second.ErrorRate, second.Requests));
    }

    [Fact]
    public async Task Consume_ReportOlderThanStaleWindowOrMoreThanMaxDeployments_BoundedAndIgnored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        var filler = Enumerable.Range(0, DeploymentHealthReported.MaxDeployments)
            .Select(_ => Health(tenant, route, Guid.CreateVersion7(), BreakerStates.Closed));

        await ConsumeAsync(host, now, Report("old", now - RouteHealth.StaleAfter - TimeSpan.FromSeconds(1), Health(tenant, route, route.Deployments[0].Id, BreakerStates.Closed)));
        await ConsumeAsync(host, now, Report("big", now, [.. filler, Health(tenant, route, route.Deployments[0].Id, BreakerStates.Closed)]));

        Assert.Equal(0, await host.WithDbAsync(db => db.DeploymentNodeHealth.CountAsync()));
    }

    [Fact]
    public async Task Consume_ReportDatedInTheFuture_StoredAsReceivedNow()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;

        await ConsumeAsync(host, now, Report("skewed", now.AddHours(1), Health(tenant, route, route.Deployments[0].Id, BreakerStates.Closed)));

        Assert.Equal(now, (await host.WithDbAsync(db => db.DeploymentNodeHealth.SingleAsync())).ReportedAt);
    }

    [Fact]
    public async Task Bus_PublishedReport_ShownByTheHealthEndpoint()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");

        await host.Services.GetRequiredService<IBus>().Publish(
            Report("node-1", DateTimeOffset.UtcNow, Health(tenant, route, route.Deployments[1].Id, BreakerStates.Open)));

        for (var attempt = 0; attempt < 300; attempt++)
        {
            var health = await host.Admin.GetFromJsonAsync<RouteHealthDto>($"/api/tenants/{tenant}/routes/{route.Id}/health", SwitchyardJson.Options);
            if (health!.Deployments.Count > 0)
            {
                var row = Assert.Single(health.Deployments);
                Assert.Equal((route.Deployments[1].Id, "node-1", BreakerStates.Open), (row.DeploymentId, row.NodeId, row.BreakerState));
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The published report never reached the health endpoint.");
    }

    internal static async Task<(Guid TenantId, RouteDto Route)> RouteAsync(ControlPlaneTestHost host, string tenantName)
    {
        var tenant = await host.CreateTenantAsync(tenantName);
        var route = await RouteValidatorTests.CreateAsync(host, tenant.Id,
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-a"), new DeploymentRequest(ProviderKinds.Mock, "mock-b")]));
        return (tenant.Id, route);
    }

    internal static DeploymentHealthReported Report(string node, DateTimeOffset at, params DeploymentHealth[] deployments) => new(node, at, deployments);

    internal static DeploymentHealth Health(Guid tenantId, RouteDto route, Guid deploymentId, string state, int inFlight = 0) =>
        new(tenantId, route.Id, deploymentId, state, null, 120.5, inFlight, 0.1, 20);

    /// <summary>Runs the consumer once, with the clock at <paramref name="now"/>.</summary>
    internal static async Task ConsumeAsync(ControlPlaneTestHost host, DateTimeOffset now, DeploymentHealthReported report)
    {
        await using var scope = host.CreateScope();
        var consumer = new DeploymentHealthReportedConsumer(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), new FakeTimeProvider(now));
        await consumer.Consume(FakeConsumeContext.For(report));
    }
}
