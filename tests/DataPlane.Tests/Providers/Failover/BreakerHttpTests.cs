using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Failover;

/// <summary>The breaker of a failing deployment, driven through the node with a fake clock.</summary>
public class BreakerHttpTests
{
    [Fact]
    public async Task Post_DeploymentKeepsFailing_BreakerOpensSkipsHalfOpensAndCloses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var upstreams = await FailoverUpstreams.StartAsync();
        await using var host = await DataPlaneTestHost.StartAsync(time: time, customize: s => FailoverUpstreams.AddRoute(s, "br", RoutingStrategies.Priority,
            [(ProviderKinds.OpenAI, "toggle", upstreams.OpenAIBaseUrl, 0), (ProviderKinds.OpenAI, "ok", upstreams.OpenAIBaseUrl, 1)],
            r => r with { Breaker = new BreakerSettings(ConsecutiveFailures: 2, CooldownSeconds: 30) }));
        var route = host.Services.GetRequiredService<SnapshotStore>().Current!.FindRoute(TestSnapshots.TenantId, "br")!;
        var flaky = route.Deployments[0];
        var health = host.Services.GetRequiredService<DeploymentHealthRegistry>();

        // Two failures in a row (each failed over to the second deployment) open the breaker.
        Assert.Equal("2", await AttemptsAsync(host));
        Assert.Equal("2", await AttemptsAsync(host));
        Assert.Equal(BreakerStates.Open, health.Find(flaky.Id)!.BreakerState);

        // Open: skipped without an attempt.
        Assert.Equal("1", await AttemptsAsync(host));
        Assert.Equal(2, upstreams.OpenAICalls("toggle"));

        // Cooldown over: one probe goes through; it fails, so the breaker opens again.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("2", await AttemptsAsync(host));
        Assert.Equal(3, upstreams.OpenAICalls("toggle"));
        Assert.Equal(BreakerStates.Open, health.Find(flaky.Id)!.BreakerState);
        Assert.Equal("1", await AttemptsAsync(host));

        // Next cooldown over and the upstream healthy again: the probe succeeds and closes the breaker.
        upstreams.ToggleHealthy = true;
        time.Advance(TimeSpan.FromSeconds(30));
        using (var probe = await host.Client.SendAsync(DataPlaneTestHost.Chat("br")))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            Assert.Equal(flaky.Id.ToString(), probe.Headers.GetValues(ForwardStage.DeploymentHeader).Single());
        }

        Assert.Equal(BreakerStates.Closed, health.Find(flaky.Id)!.BreakerState);
        Assert.Equal("1", await AttemptsAsync(host));
        Assert.Equal(5, upstreams.OpenAICalls("toggle"));
    }

    private static async Task<string> AttemptsAsync(DataPlaneTestHost host)
    {
        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("br"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues(ForwardStage.AttemptsHeader).Single();
    }
}
