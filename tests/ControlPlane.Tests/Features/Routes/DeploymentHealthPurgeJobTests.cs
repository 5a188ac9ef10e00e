using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;
using static Switchyard.ControlPlane.Tests.Features.Routes.DeploymentHealthReportedConsumerTests;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class DeploymentHealthPurgeJobTests
{
    [Fact]
    public async Task Start_RoutesSlice_SchedulesThePurgeHourly()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == DeploymentHealthPurgeJob.Id);

        Assert.Equal(Cron.Hourly(), job.Cron);
        Assert.Equal(typeof(DeploymentHealthPurgeJob), job.Job.Type);
    }

    [Fact]
    public async Task RunAsync_NodeSilentForMoreThanADay_ItsRowsDeletedOthersKept()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, route) = await RouteAsync(host, "Acme");
        var now = DateTimeOffset.UtcNow;
        var dayAgo = now - RouteHealth.RetainFor;
        await ConsumeAsync(host, dayAgo.AddSeconds(-1), Report("gone", dayAgo.AddSeconds(-1), Health(tenant, route, route.Deployments[0].Id, BreakerStates.Open)));
        await ConsumeAsync(host, dayAgo.AddSeconds(1), Report("quiet", dayAgo.AddSeconds(1), Health(tenant, route, route.Deployments[0].Id, BreakerStates.Open)));

        await using var scope = host.CreateScope();
        var deleted = await new DeploymentHealthPurgeJob(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), new FakeTimeProvider(now))
            .RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["quiet"], await host.WithDbAsync(db => db.DeploymentNodeHealth.Select(h => h.NodeId).ToListAsync()));
    }
}
