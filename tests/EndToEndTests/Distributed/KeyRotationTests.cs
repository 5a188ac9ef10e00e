using System.Net;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>Key rotation across two data-plane nodes (separate processes on PostgreSQL + RabbitMQ).</summary>
public class KeyRotationTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RotateKey_BothSecretsWorkOnBothNodesDuringGrace_ThenARotationWithoutGraceStopsThem()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var original = await topology.Admin.CreateKeyAsync(scenario.Tenant.Id, scenario.Team.Id, "rotating");
        await Eventually.HoldsAsync(() => BothAsync(topology, original.Secret, HttpStatusCode.OK), Propagation, "the key works on both nodes");
        var rotatePath = $"/api/tenants/{scenario.Tenant.Id}/keys/{original.Key.Id}/rotate";

        var rotated = await topology.Admin.PostAsync<CreatedKeyDto>(rotatePath, new RotateKeyRequest(3600));
        await Eventually.HoldsAsync(() => BothAsync(topology, rotated.Secret, HttpStatusCode.OK), Propagation, "the new secret works on both nodes");
        var oldStillWorks = await BothAsync(topology, original.Secret, HttpStatusCode.OK);

        var final = await topology.Admin.PostAsync<CreatedKeyDto>(rotatePath, new RotateKeyRequest(0));
        await Eventually.HoldsAsync(() => BothAsync(topology, final.Secret, HttpStatusCode.OK), Propagation, "the final secret works on both nodes");
        var earlierRefused = await BothAsync(topology, rotated.Secret, HttpStatusCode.Unauthorized)
                          && await BothAsync(topology, original.Secret, HttpStatusCode.Unauthorized);

        Assert.True(oldStillWorks, "the replaced secret keeps working on both nodes during the grace period");
        Assert.Equal(original.Key.Prefix, rotated.Key.PreviousPrefix);
        Assert.True(earlierRefused, "without a grace period both earlier secrets are refused on both nodes");
    }

    private static async Task<bool> BothAsync(DistributedTopology topology, string secret, HttpStatusCode expected) =>
        await GatewayCalls.ChatAsync(topology.NodeUrl(1), secret) == expected
        && await GatewayCalls.ChatAsync(topology.NodeUrl(2), secret) == expected;
}
