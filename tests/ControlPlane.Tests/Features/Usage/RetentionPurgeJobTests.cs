using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

public sealed class RetentionPurgeJobTests
{
    [Fact]
    public async Task Start_UsageSlice_SchedulesThePurgeDaily()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RetentionPurgeJob.Id);

        Assert.Equal(Cron.Daily(3), job.Cron);
        Assert.Equal(typeof(RetentionPurgeJob), job.Job.Type);
    }

    [Fact]
    public async Task RunAsync_NodeNotSeenForAWeek_ForgottenWithWhatItRejected()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await host.WithDbAsync(db =>
        {
            db.NodeStatuses.Add(Node("gone", now.AddDays(-8)));
            db.NodeStatuses.Add(Node("alive", now.AddMinutes(-1)));
            return db.SaveChangesAsync();
        });

        await using var scope = host.CreateScope();
        var (nodes, _) = await scope.ServiceProvider.GetRequiredService<RetentionPurgeJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, nodes);
        Assert.Equal(["alive"], await host.WithDbAsync(db => db.NodeStatuses.Select(n => n.NodeId).ToListAsync()));
        Assert.Equal(["alive"], await host.WithDbAsync(db => db.Set<NodeRejectedItem>().Select(r => r.NodeId).ToListAsync()));
    }

    private static NodeStatus Node(string id, DateTimeOffset lastSeen) => new()
    {
        NodeId = id,
        Revision = 3,
        Succeeded = true,
        LastSeen = lastSeen,
        Rejected = [new NodeRejectedItem { NodeId = id, Kind = "route", ItemId = Guid.CreateVersion7(), TenantId = Guid.CreateVersion7(), Reason = "x" }],
    };
}
