using Switchyard.Shared.Admin;
using Switchyard.Testing.Scim;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Entra ID's and Okta's SCIM provisioning sequences against the control plane on real PostgreSQL and Kestrel.</summary>
public class PostgresScimTests
{
    [Fact]
    public async Task EntraId_OnPostgres_CreateMatchGroupDeactivateDelete()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        await ScimProvisioningSequences.EntraIdAsync(await HarnessAsync(host));
    }

    [Fact]
    public async Task Okta_OnPostgres_CreateReplaceGroupDeactivateReactivate()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        await ScimProvisioningSequences.OktaAsync(await HarnessAsync(host));
    }

    [Fact]
    public async Task Filters_OnPostgresNonAsciiInAnotherCase_MatchedCaseInsensitively()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        await ScimCaseFoldingSequence.RunAsync(await HarnessAsync(host));
    }

    [Fact]
    public async Task TeamNames_OnPostgresNameOfAnotherTeamInAnotherCase_ConflictThroughAdminApiAndScim()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        await TeamNameUniquenessSequence.RunAsync(await HarnessAsync(host));
    }

    private static async Task<ScimHarness> HarnessAsync(PostgresControlPlaneHost host)
    {
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("scim-" + Guid.NewGuid().ToString("N")[..8]));
        var token = await ScimHarness.CreateTokenAsync(host.Admin, tenant.Id);
        return new ScimHarness(host.Client, host.Admin, host.App.Services, tenant.Id, token);
    }
}
