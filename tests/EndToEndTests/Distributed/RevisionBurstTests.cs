using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>
/// A burst of config changes (the finding: one automation key creating 300 keys in seconds) must produce a few snapshots,
/// not one per change, and nodes must still converge on the latest revision: control plane and a node as processes on
/// PostgreSQL + RabbitMQ.
/// </summary>
public class RevisionBurstTests(ITestOutputHelper output)
{
    private const int Keys = 300;

    [Fact]
    public async Task Burst_300KeyCreations_CompiledAsFewSnapshotsAndTheLastKeyWorksOnTheNode()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await topology.StartNodeAsync(1);
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var probe = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), probe) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the node serves the route");
        var before = await RevisionsAsync(topology);

        var burst = Stopwatch.StartNew();
        string lastKey = "";
        using var parallel = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, Keys).Select(async i =>
        {
            await parallel.WaitAsync();
            try
            {
                var secret = await scenario.CreateKeyAsync(topology.Admin);
                if (i == Keys - 1)
                {
                    lastKey = secret;
                }
            }
            finally
            {
                parallel.Release();
            }
        }));
        burst.Stop();
        var converged = await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), lastKey) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the last key works on the node");
        var after = await RevisionsAsync(topology);

        var compiled = after.Compiled - before.Compiled;
        output.WriteLine($"{Keys} keys in {burst.ElapsedMilliseconds} ms: {after.Latest - before.Latest} revisions, {compiled} snapshots compiled; "
                         + $"last key usable on the node {converged.TotalMilliseconds:F0} ms after the burst");
        Assert.Equal(Keys, after.Latest - before.Latest);
        // About one build per ConfigDistribution:CoalesceMs (250 ms) of burst; without coalescing it is one per revision.
        Assert.True(compiled <= Keys / 3, $"{compiled} snapshots compiled for {Keys} revisions");
    }

    /// <summary>The latest revision and how many revisions have a compiled snapshot (the builder stores its hash on the revision).</summary>
    private static async Task<(long Latest, int Compiled)> RevisionsAsync(DistributedTopology topology)
    {
        var options = new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql(topology.DatabaseConnectionString).Options;
        await using var db = new PostgresControlPlaneDbContext(options, new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
        return (await db.ConfigRevisions.MaxAsync(r => r.Revision), await db.ConfigRevisions.CountAsync(r => r.Hash != ""));
    }
}
