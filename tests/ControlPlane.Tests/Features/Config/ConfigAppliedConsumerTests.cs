using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class ConfigAppliedConsumerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Consume_ReportWithRejectedItems_ListNodesShowsWhichItemOfWhichTenantAndWhy()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var route = Guid.CreateVersion7();
        RejectedConfigItem[] rejected =
        [
            new(RejectedConfigItem.Route, route, tenant, "Route 'gpt' is unavailable (its model answers 503): strategy: unknown."),
            new(RejectedConfigItem.Route, route, tenant, "The same item twice is stored once."),
        ];

        await PublishAsync(host, new ConfigApplied("node-1", 7, true, null, At, rejected));
        var node = await WaitForNodeAsync(host, "node-1", 7);

        Assert.True(node.Succeeded);
        var item = Assert.Single(node.Rejected);
        Assert.Equal((tenant, "route", route), (item.TenantId, item.Kind, item.Id));
        Assert.Contains("strategy", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_NextReports_CleanReportClearsItemsFailedReportKeepsThem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var item = new RejectedConfigItem(RejectedConfigItem.Credential, Guid.CreateVersion7(), Guid.CreateVersion7(), "cannot be unsealed");
        await PublishAsync(host, new ConfigApplied("node-1", 7, true, null, At, [item]));
        await WaitForNodeAsync(host, "node-1", 7);

        await PublishAsync(host, new ConfigApplied("node-1", 8, false, "Hash mismatch", At.AddSeconds(1)));
        var failed = await WaitForNodeAsync(host, "node-1", 8);
        await PublishAsync(host, new ConfigApplied("node-1", 9, true, null, At.AddSeconds(2)));
        var clean = await WaitForNodeAsync(host, "node-1", 9);

        Assert.Equal(item.Id, Assert.Single(failed.Rejected).Id);
        Assert.Equal("Hash mismatch", failed.Error);
        Assert.Empty(clean.Rejected);
    }

    [Fact]
    public async Task ListNodes_TenantAdmin_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "admin@acme.test", MemberRole.TenantAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/nodes")).StatusCode);
    }

    private static async Task PublishAsync(ControlPlaneTestHost host, ConfigApplied report) =>
        await host.Services.GetRequiredService<IBus>().Publish(report);

    /// <summary>Polls GET /api/nodes until the node reports <paramref name="revision"/> (the consumer runs on the bus).</summary>
    internal static async Task<NodeStatusDto> WaitForNodeAsync(ControlPlaneTestHost host, string nodeId, long revision)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var nodes = await host.Admin.GetFromJsonAsync<NodeStatusDto[]>("/api/nodes", SwitchyardJson.Options);
            if (nodes!.FirstOrDefault(n => n.NodeId == nodeId && n.Revision == revision) is { } node)
            {
                return node;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Node {nodeId} never reported revision {revision}.");
    }
}
