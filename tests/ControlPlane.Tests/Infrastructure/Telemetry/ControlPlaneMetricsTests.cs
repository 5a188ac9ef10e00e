using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Telemetry;

/// <summary>The control plane's Prometheus scrape: served anonymously, with its ingestion and config-publish metrics.</summary>
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
}
