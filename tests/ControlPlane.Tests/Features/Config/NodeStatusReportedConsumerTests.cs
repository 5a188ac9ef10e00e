using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class NodeStatusReportedConsumerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Consume_StatusReport_ListNodesShowsSnapshotConfirmationSpoolReadinessAndLastSeen()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        await PublishAsync(host, new NodeStatusReported("node-1", At, 12, At.AddSeconds(-30), 4, 95.5, false, 3));
        var node = await WaitForReportAsync(host, "node-1", At);

        Assert.Equal(12, node.Revision);
        Assert.Equal(At.AddSeconds(-30), node.SnapshotConfirmedAt);
        Assert.Equal(4, node.SpoolSegments);
        Assert.Equal(95.5, node.SpoolAgeSeconds);
        Assert.False(node.Ready);
        Assert.Equal(3, node.InFlight);
        Assert.Equal(At, node.LastSeen);
    }

    [Fact]
    public async Task Consume_OlderStatusReport_ChangesNothing()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await PublishAsync(host, new NodeStatusReported("node-1", At, 12, At, 0, null, true, 0));
        await WaitForReportAsync(host, "node-1", At);

        await PublishAsync(host, new NodeStatusReported("node-1", At.AddSeconds(-10), 11, At.AddSeconds(-10), 9, 60, false, 0));
        await PublishAsync(host, new NodeStatusReported("node-1", At.AddSeconds(5), 12, At.AddSeconds(5), 1, 2, true, 0));
        var node = await WaitForReportAsync(host, "node-1", At.AddSeconds(5));

        Assert.Equal(1, node.SpoolSegments);
        Assert.True(node.Ready);
    }

    [Fact]
    public async Task Consume_StatusReportBeforeTheNodesFirstConfigApplied_TheAppliedReportStillCounts()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await PublishAsync(host, new NodeStatusReported("node-1", At.AddSeconds(1), 7, At, 0, null, true, 0));
        await WaitForReportAsync(host, "node-1", At.AddSeconds(1));

        // sent before the status report, consumed after it: its rejected item must not be dropped as "older"
        var item = new RejectedConfigItem(RejectedConfigItem.Route, Guid.CreateVersion7(), Guid.CreateVersion7(), "strategy: unknown");
        await host.Services.GetRequiredService<IBus>().Publish(new ConfigApplied("node-1", 8, true, null, At, [item]));
        var node = await ConfigAppliedConsumerTests.WaitForNodeAsync(host, "node-1", 8);

        Assert.Equal(item.Id, Assert.Single(node.Rejected).Id);
        Assert.Equal(At.AddSeconds(1), node.LastSeen);
    }

    private static async Task PublishAsync(ControlPlaneTestHost host, NodeStatusReported report) =>
        await host.Services.GetRequiredService<IBus>().Publish(report);

    private static async Task<NodeStatusDto> WaitForReportAsync(ControlPlaneTestHost host, string nodeId, DateTimeOffset reportedAt)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var nodes = await host.Admin.GetFromJsonAsync<NodeStatusDto[]>("/api/nodes", SwitchyardJson.Options);
            if (nodes!.FirstOrDefault(n => n.NodeId == nodeId && n.StatusReportedAt == reportedAt) is { } node)
            {
                return node;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Node {nodeId} never showed its status report of {reportedAt:O}.");
    }
}
