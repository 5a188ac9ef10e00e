using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;
using static Switchyard.DataPlane.Tests.Routing.RoutingTestRoutes;

namespace Switchyard.DataPlane.Tests.Routing;

public class DeploymentHealthReporterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DeploymentHealthRegistry _registry = new();
    private readonly FakeMessagePublisher _bus = new();

    [Fact]
    public void Build_DeploymentsSeenAndUnseen_ReportsOnlyTheSeenOnesWithTheirHealth()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment(), Deployment());
        var state = _registry.ForRoute(route);
        var now = _time.GetUtcNow().UtcTicks;
        var breaker = new BreakerSettings(ConsecutiveFailures: 1, CooldownSeconds: 30);
        Assert.True(state.Health[0].TryAcquire(now, breaker, out var probe));
        state.Health[0].Complete(probe, AttemptOutcome.Failure, now, breaker);

        var report = Reporter().Build()!;

        Assert.Equal("node-a", report.NodeId);
        var health = Assert.Single(report.Deployments);
        Assert.Equal((route.Deployments[0].Id, route.Id, route.Snapshot.TenantId), (health.DeploymentId, health.RouteId, health.TenantId));
        Assert.Equal(BreakerStates.Open, health.BreakerState);
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), health.CooldownUntil);
        Assert.Equal((1.0, 1), (health.ErrorRate, health.Requests));
        Assert.Null(health.LatencyMs);
    }

    [Fact]
    public void Build_NothingSeen_ReportsNothing()
    {
        _registry.ForRoute(Route(RoutingStrategies.Weighted, Deployment()));

        Assert.Null(Reporter().Build());
    }

    [Fact]
    public async Task ExecuteAsync_EveryInterval_PublishesAReport()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment());
        var health = _registry.ForRoute(route).Health[0];
        Assert.True(health.TryAcquire(_time.GetUtcNow().UtcTicks, BreakerSettings.Default, out var probe));
        health.Complete(probe, AttemptOutcome.Success, _time.GetUtcNow().UtcTicks, BreakerSettings.Default, latencyMs: 42);
        using var reporter = Reporter();
        await reporter.StartAsync(CancellationToken.None);

        // The timer starts on the service's own task: advance until it has ticked once.
        for (var i = 0; i < 200 && _bus.Published.IsEmpty; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        await reporter.StopAsync(CancellationToken.None);
        var report = Assert.IsType<DeploymentHealthReported>(_bus.Published.First());
        Assert.Equal(42, Assert.Single(report.Deployments).LatencyMs);
    }

    private DeploymentHealthReporter Reporter() => new(_registry, _bus, Options.Create(new RoutingOptions()),
        Options.Create(new NodeOptions { NodeId = "node-a" }), _time, NullLogger<DeploymentHealthReporter>.Instance);
}
