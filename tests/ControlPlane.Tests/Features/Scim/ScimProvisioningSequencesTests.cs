using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>Entra ID's and Okta's provisioning request sequences against the control plane on SQLite.</summary>
public sealed class ScimProvisioningSequencesTests
{
    [Fact]
    public async Task EntraId_CreateMatchGroupDeactivateDelete_MemberTeamSessionAndKeysFollow()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await ScimProvisioningSequences.EntraIdAsync(await ScimHosts.HarnessAsync(host));
    }

    [Fact]
    public async Task Okta_CreateReplaceGroupDeactivateReactivate_MemberTeamSessionAndKeysFollow()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await ScimProvisioningSequences.OktaAsync(await ScimHosts.HarnessAsync(host));
    }
}
