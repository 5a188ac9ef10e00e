using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Tests.Providers.Failover;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

public class DeploymentHealthCheckerTests
{
    [Fact]
    public async Task CheckDueAsync_DeploymentWithInterval_ChecksItsModelsListAndFeedsTheBreaker()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var upstreams = await FailoverUpstreams.StartAsync();
        await using var host = await DataPlaneTestHost.StartAsync(time: time, customize: s => FailoverUpstreams.AddRoute(s, "checked", RoutingStrategies.Weighted,
            [(ProviderKinds.OpenAI, "ok", upstreams.OpenAIBaseUrl, 0), (ProviderKinds.OpenAI, "ok", upstreams.OpenAIBaseUrl, 0)],
            r => r with
            {
                Deployments = [r.Deployments[0] with { HealthCheckIntervalSeconds = 10 }, r.Deployments[1]],
                Breaker = new BreakerSettings(ConsecutiveFailures: 1, CooldownSeconds: 30),
            }));
        var route = host.Services.GetRequiredService<SnapshotStore>().Current!.FindRoute(TestSnapshots.TenantId, "checked")!;
        var checker = host.Services.GetRequiredService<DeploymentHealthChecker>();
        var health = host.Services.GetRequiredService<DeploymentHealthRegistry>();

        // Unhealthy: the check opens the breaker of the checked deployment only.
        await checker.CheckDueAsync(CancellationToken.None);
        Assert.Equal(BreakerStates.Open, health.Find(route.Deployments[0].Id)!.BreakerState);
        Assert.True(health.Find(route.Deployments[1].Id) is null or { LastSeenTicks: 0 });

        // Not due again before its interval.
        var calls = upstreams.ModelListCalls;
        await checker.CheckDueAsync(CancellationToken.None);
        Assert.Equal(calls, upstreams.ModelListCalls);

        // Healthy again and the cooldown over: the next check is the probe and closes the breaker.
        upstreams.ToggleHealthy = true;
        time.Advance(TimeSpan.FromSeconds(30));
        await checker.CheckDueAsync(CancellationToken.None);
        Assert.Equal(calls + 1, upstreams.ModelListCalls);
        Assert.Equal(BreakerStates.Closed, health.Find(route.Deployments[0].Id)!.BreakerState);
    }
}
