using System.Net;
using System.Net.Http.Headers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Host.Tests;

/// <summary>No calls home: the all-in-one host, from start to stop, connects to nothing but loopback.</summary>
public sealed class AllInOneHostOutboundTests
{
    [Fact]
    public async Task StartServeAndStop_NoConnectionAttemptBeyondLoopback()
    {
        using var listener = new OutboundConnectionListener();

        await using (var host = await AllInOneHostProcess.StartAsync(builder =>
            // MassTransit reports its usage telemetry 5 minutes after the bus starts, or at stop with this option: were the
            // reporter on, its call would fall inside this test instead of minutes after it.
            builder.Services.Configure<UsageTelemetryOptions>(o => o.ReportOnShutdown = true)))
        {
            using var portal = host.Client(host.PortalPort);
            portal.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AllInOneHostProcess.AdminKey);
            using var tenants = await portal.GetAsync("/api/tenants");
            using var gateway = host.Client(host.GatewayPort);
            using var models = await gateway.GetAsync("/v1/models");
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (tenants.StatusCode, models.StatusCode));
        }

        Assert.True(listener.Connects > 0, "The listener heard no socket connect at all.");
        Assert.True(listener.Attempts.Count == 0, string.Join("\n", listener.Attempts));
    }
}
