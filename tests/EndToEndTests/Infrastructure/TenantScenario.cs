using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>A fresh tenant with one team and a route "mock-gpt" to the built-in mock provider.</summary>
public sealed record TenantScenario(TenantDto Tenant, TeamDto Team)
{
    public const string MockModel = "mock-gpt";

    public static async Task<TenantScenario> CreateAsync(AdminApi admin, string? name = null)
    {
        var tenant = await admin.CreateTenantAsync(name ?? "tenant-" + Guid.NewGuid().ToString("N")[..8]);
        var team = await admin.CreateTeamAsync(tenant.Id, "platform");
        await admin.CreateRouteAsync(tenant.Id, new RouteRequest(MockModel, [new DeploymentRequest(ProviderKinds.Mock, "mock-1")]));
        return new TenantScenario(tenant, team);
    }

    public async Task<string> CreateKeyAsync(AdminApi admin, IReadOnlyList<string>? models = null) =>
        (await admin.CreateKeyAsync(Tenant.Id, Team.Id, "key-" + Guid.NewGuid().ToString("N")[..6], models)).Secret;
}
