using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Lifecycle;

public sealed class NodeStatusReporterTests
{
    [Fact]
    public async Task Running_ReportsItsRevisionAndReadinessPeriodically()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["DataPlane:Routing:HealthReportSeconds"] = "1" });

        var report = await WaitForReportAsync(host);

        Assert.Equal("test-node", report.NodeId);
        Assert.Equal(host.Services.GetRequiredService<SnapshotStore>().Revision, report.Revision);
        Assert.True(report.Revision > 0);
        Assert.True(report.Ready);
        Assert.Equal(0, report.InFlight);
    }

    [Fact]
    public async Task Build_Draining_NotReady()
    {
        await using var host = await DataPlaneTestHost.StartAsync();
        var reporter = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NodeStatusReporter>().Single();
        Assert.True(reporter.Build().Ready);

        host.Services.GetRequiredService<NodeDrain>().Begin();

        Assert.False(reporter.Build().Ready);
    }

    private static async Task<NodeStatusReported> WaitForReportAsync(DataPlaneTestHost host)
    {
        for (var i = 0; i < 200; i++)
        {
            if (host.Bus.Published.OfType<NodeStatusReported>().FirstOrDefault() is { } report)
            {
                return report;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The node never published a status report.");
    }
}
