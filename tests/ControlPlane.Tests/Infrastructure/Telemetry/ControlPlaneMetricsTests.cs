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
/// The control plane's Prometheus scrape: served anonymously, with its ingestion, config-publish, publish-to-apply and job
/// metrics. (Meter providers listen by meter name, so a scrape may hold another test host's measurements: assertions look
/// for this test's own node ids and job classes.)
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
    public async Task Metrics_NodeReportsANewRevision_ServesPublishToApplyTimeOfThatNodeOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
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
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new ConfigApplied(node, revision, true, null, created.AddSeconds(3)));
        await ScrapeUntilAsync(host, t => t.Contains($"switchyard_node=\"{node}\"", StringComparison.Ordinal));
        // the same revision reported again (a restart, a poll) is not a new apply
        await bus.Publish(new ConfigApplied(node, revision, true, null, created.AddSeconds(30)));
        var failed = "node-" + Guid.NewGuid().ToString("N")[..8];
        await bus.Publish(new ConfigApplied(failed, revision, false, "hash mismatch", created.AddSeconds(4)));
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
            for (var i = 0; i < 200 && !await db.NodeStatuses.AnyAsync(n => n.NodeId == node && n.LastSeen > created.AddSeconds(10)); i++)
            {
                await Task.Delay(25);
            }
        }

        var text = await ScrapeUntilAsync(host, t => t.Contains($"switchyard_node=\"{failed}\"", StringComparison.Ordinal));

        Assert.Matches($"switchyard_config_apply_delay_seconds_count\\{{[^}}]*switchyard_node=\"{node}\"\\}} 1\\b", text);
        Assert.Matches($"switchyard_config_apply_delay_seconds_sum\\{{[^}}]*switchyard_node=\"{node}\"\\}} 3\\b", text);
        Assert.DoesNotMatch($"switchyard_config_apply_delay_seconds_count\\{{[^}}]*switchyard_node=\"{failed}\"", text);
    }

    [Fact]
    public async Task Metrics_JobsRunAndFail_ServesRunsByJobAndResult()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();

        jobs.Enqueue<DeploymentHealthPurgeJob>(j => j.RunAsync(CancellationToken.None));
        jobs.Enqueue<FailingJob>(j => j.RunAsync());

        var text = await ScrapeUntilAsync(host, t => t.Contains("switchyard_job=\"FailingJob\"", StringComparison.Ordinal)
            && t.Contains("switchyard_job=\"DeploymentHealthPurgeJob\"", StringComparison.Ordinal));
        Assert.Matches("switchyard_jobs_runs_total\\{[^}]*result=\"failed\"[^}]*switchyard_job=\"FailingJob\"", text);
        Assert.Matches("switchyard_jobs_runs_total\\{[^}]*result=\"succeeded\"[^}]*switchyard_job=\"DeploymentHealthPurgeJob\"", text);
        Assert.Matches("switchyard_jobs_duration_seconds_count\\{[^}]*switchyard_job=\"DeploymentHealthPurgeJob\"", text);
    }

    private static async Task<string> ScrapeUntilAsync(ControlPlaneTestHost host, Func<string, bool> ready)
    {
        var text = "";
        for (var i = 0; i < 600; i++)
        {
            text = await host.Anonymous.GetStringAsync("/metrics");
            if (ready(text))
            {
                return text;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The scrape never showed the expected series:\n" + text);
        return text;
    }

    /// <summary>A background job that always fails (resolved by Hangfire's activator).</summary>
    public sealed class FailingJob
    {
        public Task RunAsync() => throw new InvalidOperationException("this job always fails");
    }
}
