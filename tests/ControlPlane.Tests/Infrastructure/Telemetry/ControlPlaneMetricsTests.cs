using System.Net;
using Hangfire;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Telemetry;

/// <summary>
/// The control plane's metrics: the Prometheus scrape (served anonymously, ingestion and config-publish metrics), and the
/// publish-to-apply and job metrics measured on the host's own meters (<see cref="HostMeasurements"/>: a scrape merges
/// every test host's same-named instruments). Their Prometheus names are checked by the end-to-end Prometheus test.
/// </summary>
public sealed class ControlPlaneMetricsTests
{
    [Fact]
    public async Task Metrics_AfterAPublishAndAUsageBatch_ServesIngestAndPublishMetrics()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await host.CreateTenantAsync("Acme");
        var records = Enumerable.Range(0, 3).Select(i => new UsageRecord(
            Guid.CreateVersion7(), DateTimeOffset.UtcNow, "node-1", Guid.CreateVersion7(), Guid.Empty, Guid.CreateVersion7(), "chat.completions", "m",
            null, null, "mock", "m", false, 10, 5, 200, null, 12.5, null)).ToList();
        var client = host.Services.GetRequiredService<IBus>().CreateRequestClient<UsageBatchReported>(RequestTimeout.After(s: 30));
        await client.GetResponse<UsageBatchAccepted>(new UsageBatchReported(Guid.NewGuid(), "node-1", records));

        var text = "";
        for (var i = 0; i < 100; i++)
        {
            using var response = await host.Anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains("switchyard_config_published_total", StringComparison.Ordinal)
                && text.Contains("switchyard_usage_ingest_records_total", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Matches("switchyard_usage_ingest_records_total\\{[^}]*result=\"stored\"", text);
        Assert.Contains("switchyard_usage_ingest_batch_size_bucket", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_usage_ingest_lag_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_config_published_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigApplied_NewRevision_RecordsPublishToApplyTimeOfThatNodeOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        using var measurements = new HostMeasurements(host.Services);
        await host.CreateTenantAsync("Acme");
        long revision;
        DateTimeOffset created;
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
            var latest = await db.ConfigRevisions.AsNoTracking().OrderByDescending(r => r.Revision).FirstAsync();
            (revision, created) = (latest.Revision, latest.CreatedAt);
        }

        var node = "node-" + Guid.NewGuid().ToString("N")[..8];
        var failed = "node-" + Guid.NewGuid().ToString("N")[..8];
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new ConfigApplied(node, revision, true, null, created.AddSeconds(3)));
        await WaitUntilAsync(() => measurements.Of("switchyard.config.apply.delay", "switchyard.node", node).Count > 0);
        // the same revision reported again (a restart, a poll) is not a new apply
        await bus.Publish(new ConfigApplied(node, revision, true, null, created.AddSeconds(30)));
        await bus.Publish(new ConfigApplied(failed, revision, false, "hash mismatch", created.AddSeconds(4)));
        await WaitUntilAsync(() => measurements.Of("switchyard.config.apply.failures", "switchyard.node", failed).Count > 0);
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
            await WaitUntilAsync(() => db.NodeStatuses.Any(n => n.NodeId == node && n.LastSeen > created.AddSeconds(10)));
        }

        Assert.Equal([3.0], measurements.Of("switchyard.config.apply.delay", "switchyard.node", node));
        Assert.Empty(measurements.Of("switchyard.config.apply.delay", "switchyard.node", failed));
        Assert.Equal([1.0], measurements.Of("switchyard.config.apply.failures", "switchyard.node", failed));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out");
    }

    [Fact]
    public async Task Jobs_RunAndFail_RecordsRunsByJobAndResultAndDuration()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        using var measurements = new HostMeasurements(host.Services);

        jobs.Enqueue<DeploymentHealthPurgeJob>(j => j.RunAsync(CancellationToken.None));
        jobs.Enqueue<FailingJob>(j => j.RunAsync());

        await WaitUntilAsync(() => measurements.Of("switchyard.jobs.runs", "switchyard.job", "FailingJob").Count > 0
            && measurements.Of("switchyard.jobs.runs", "switchyard.job", "DeploymentHealthPurgeJob").Count > 0);
        Assert.Contains(measurements.All, m => m.Instrument == "switchyard.jobs.runs" && m.Tags["switchyard.job"] == "FailingJob" && m.Tags["result"] == "failed");
        Assert.Contains(measurements.All, m => m.Instrument == "switchyard.jobs.runs" && m.Tags["switchyard.job"] == "DeploymentHealthPurgeJob" && m.Tags["result"] == "succeeded");
        Assert.NotEmpty(measurements.Of("switchyard.jobs.duration", "switchyard.job", "DeploymentHealthPurgeJob"));
    }

    /// <summary>A background job that always fails (resolved by Hangfire's activator).</summary>
    public sealed class FailingJob
    {
        public Task RunAsync() => throw new InvalidOperationException("this job always fails");
    }
}
