using System.Diagnostics;
using System.Net;
using MassTransit;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Messages;

namespace Switchyard.EndToEndTests.Usage;

/// <summary>Every usage record is counted exactly once, whatever happens between the node's spool and the database.</summary>
public class UsageDeliveryTests
{
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NodeKilledBetweenSpoolAndPublish_RecordsPublishedAfterRestartExactlyOnce()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await topology.StartNodeAsync(1, new Dictionary<string, string> { ["DataPlane__Usage__FlushIntervalMs"] = "600000" });
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "key usable");
        const int requests = 25;
        for (var i = 1; i < requests; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(1), key));
        }

        await Task.Delay(1000); // the spool writer hands records to the OS within milliseconds
        topology.KillNode(1);
        Assert.Empty(await topology.Admin.UsageAsync(scenario.Tenant.Id));

        await topology.StartNodeAsync(1);

        await AssertCountedExactlyAsync(topology, scenario, requests);
    }

    [Fact]
    public async Task RabbitMqRestartedMidLoad_EveryRecordCountedOnce()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await topology.StartNodeAsync(1);
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "key usable");

        var ok = 1;
        var load = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                if (await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                }

                await Task.Delay(20);
            }
        });
        await Task.Delay(500);
        await RestartRabbitMqAsync();
        await load;

        Assert.Equal(151, ok); // the request path never depends on the broker
        await AssertCountedExactlyAsync(topology, scenario, ok);
    }

    [Fact]
    public async Task BatchRedelivered_CountedOnce()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await topology.Admin.CreateKeyAsync(scenario.Tenant.Id, scenario.Team.Id, "batch");
        var now = DateTimeOffset.UtcNow;
        var records = Enumerable.Range(0, 10).Select(i => new UsageRecord(
            Guid.CreateVersion7(now.AddMilliseconds(i)), now, "test-node", scenario.Tenant.Id, scenario.Team.Id, key.Key.Id,
            "chat.completions", TenantScenario.MockModel, null, null, "mock", "mock-1", false, 10, 5, 200, null, 12.5, null)).ToList();
        var batch = new UsageBatchReported(Guid.NewGuid(), "test-node", records);

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServices.RabbitHost, ushort.Parse(TestServices.RabbitPort), "/", h =>
        {
            h.Username(TestServices.RabbitUser);
            h.Password(TestServices.RabbitPassword);
        }));
        await bus.StartAsync();
        try
        {
            await bus.Publish(batch);
            await bus.Publish(batch);
            await bus.Publish(batch with { BatchId = Guid.NewGuid(), Records = records.Take(4).ToList() });
        }
        finally
        {
            await bus.StopAsync();
        }

        await AssertCountedExactlyAsync(topology, scenario, records.Count);
    }

    private static async Task AssertCountedExactlyAsync(DistributedTopology topology, TenantScenario scenario, int expected)
    {
        await Eventually.HoldsAsync(async () => (await topology.Admin.UsageAsync(scenario.Tenant.Id)).Count >= expected,
            DeliveryLimit, $"{expected} usage records counted");
        await Task.Delay(1500); // anything still in flight would show up now
        var usage = await topology.Admin.UsageAsync(scenario.Tenant.Id);
        Assert.Equal(expected, usage.Count);
        Assert.Equal(expected, usage.Select(u => u.Id).Distinct().Count());
        var totals = Assert.Single(await topology.Admin.UsageByKeyAsync(scenario.Tenant.Id), t => t.Requests > 0);
        Assert.Equal(expected, totals.Requests);
    }

    private static async Task RestartRabbitMqAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { TestServices.ServicesScript, "restart", "rabbitmq" } })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
