using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class SnapshotBuilderTests
{
    private const string ProviderSecret = "sk-upstream-provider-secret-XYZ1";

    [Fact]
    public async Task Build_SameState_SameHashAndBytes()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await SeedAsync(host);

        var first = await BuildAsync(host);
        var second = await BuildAsync(host);

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Json.ToArray(), second.Json.ToArray());
        var snapshot = Parse(first);
        Assert.Equal(first.Hash, ConfigSnapshotHash.Compute(snapshot));
        Assert.Equal(first.Hash, snapshot.Hash);
        Assert.Equal(snapshot.Tenants.OrderBy(t => t.Id).Select(t => t.Id), snapshot.Tenants.Select(t => t.Id));
    }

    [Fact]
    public async Task Build_RevokedKey_CarriedWithRevokedStatus()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _, key) = await SeedAsync(host);
        await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null);

        var snapshot = Parse(await BuildAsync(host));

        var carried = Assert.Single(snapshot.Keys, k => k.Id == key.Key.Id);
        Assert.Equal(KeyStatus.Revoked, carried.Status);
        Assert.Equal(VirtualKeyHash.Compute(key.Secret), carried.Hash);
    }

    [Fact]
    public async Task Build_Credential_SealedWithNodeSecretAndNeverInClear()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await SeedAsync(host);

        var built = await BuildAsync(host);
        var json = Encoding.UTF8.GetString(built.Json.Span);
        var credential = Assert.Single(Parse(built).Credentials);

        Assert.DoesNotContain(ProviderSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(ControlPlaneTestHost.NodeSecret, json, StringComparison.Ordinal);
        Assert.Equal(ProviderSecret, new SecretSealer(ControlPlaneTestHost.NodeSecret).Unseal(credential.SealedSecret));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            new SecretSealer("another-node-secret-0123456789abcdef0123").Unseal(credential.SealedSecret));
    }

    [Fact]
    public async Task Build_Route_KeepsDeploymentOrderAndSettings()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _, _) = await SeedAsync(host);

        var route = Assert.Single(Parse(await BuildAsync(host)).Routes);

        Assert.Equal(tenant.Id, route.TenantId);
        Assert.Equal(["mock-a", "gpt-x"], route.Deployments.Select(d => d.UpstreamModel));
        Assert.Equal("50", route.Deployments[0].Settings["tokensPerSecond"]);
        Assert.NotNull(route.Deployments[1].CredentialId);
    }

    [Fact]
    public async Task Build_RouteWithResilienceFields_CarriesEveryField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _, _) = await SeedAsync(host);
        var retry = new RouteRetrySettings(4, 200, 3000, 50, 10);
        var timeouts = new RouteTimeouts(ConnectMs: 2000, TotalMs: 120_000);
        var breaker = new BreakerSettings(3, 40, 10, 30, 15);
        var request = new RouteRequest("resilient",
            [
                new DeploymentRequest(ProviderKinds.Mock, "mock-a", Priority: 2, InputPricePerMTok: 2.5m, OutputPricePerMTok: 10m, HealthCheckIntervalSeconds: 30),
                new DeploymentRequest(ProviderKinds.Mock, "mock-b"),
            ],
            RoutingStrategies.Cost, Fallbacks: ["gpt-4o-mini"], ContextWindowFallbacks: ["gpt-4o-mini"], ContentPolicyFallbacks: ["gpt-4o-mini"],
            Sticky: true, Retry: retry, Timeouts: timeouts, Breaker: breaker);
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var route = Assert.Single(Parse(await BuildAsync(host)).Routes, r => r.PublicModel == "resilient");

        Assert.Equal(RoutingStrategies.Cost, route.Strategy);
        Assert.Equal(["gpt-4o-mini"], route.Fallbacks!);
        Assert.Equal(["gpt-4o-mini"], route.ContextWindowFallbacks!);
        Assert.Equal(["gpt-4o-mini"], route.ContentPolicyFallbacks!);
        Assert.Equal((true, retry, timeouts, breaker), (route.Sticky, route.Retry, route.Timeouts, route.Breaker));
        Assert.Equal((2, 2.5m, 10m, (int?)30), (route.Deployments[0].Priority, route.Deployments[0].InputPricePerMTok, route.Deployments[0].OutputPricePerMTok,
            route.Deployments[0].HealthCheckIntervalSeconds));
        Assert.Equal((0, (decimal?)null, (decimal?)null, (int?)null), (route.Deployments[1].Priority, route.Deployments[1].InputPricePerMTok,
            route.Deployments[1].OutputPricePerMTok, route.Deployments[1].HealthCheckIntervalSeconds));
    }

    [Fact]
    public async Task Build_RouteUsingNoneOfTheResilienceFields_SerialisedWithExactlyThePreviousMembersSoItsHashIsUnchanged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await SeedAsync(host);

        var built = await BuildAsync(host);
        using var json = System.Text.Json.JsonDocument.Parse(built.Json);
        var route = Assert.Single(json.RootElement.GetProperty("routes").EnumerateArray());

        // The members a route and a deployment had before fallbacks, retry, timeouts, breaker, priority, prices and health checks.
        Assert.Equal(["deployments", "id", "publicModel", "strategy", "tenantId"],
            route.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(route.GetProperty("deployments").EnumerateArray(), d => Assert.Equal(
            ["baseUrl", "capabilities", "credentialId", "id", "providerKind", "settings", "upstreamModel", "weight"],
            d.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        var parsed = Parse(built);
        var stripped = parsed with
        {
            Routes = parsed.Routes.Select(r => new RouteSnapshot(r.Id, r.TenantId, r.PublicModel, r.Strategy,
                r.Deployments.Select(d => new DeploymentSnapshot(d.Id, d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.CredentialId, d.Weight, d.Settings, d.Capabilities))
                    .ToArray())).ToArray(),
        };
        Assert.Equal(built.Hash, ConfigSnapshotHash.Compute(stripped));
    }

    internal static async Task<(TenantDto Tenant, TeamDto Team, CreatedKeyDto Key)> SeedAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        var credential = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials",
                new CreateCredentialRequest("openai", ProviderKinds.OpenAI, ProviderSecret), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;
        var route = new RouteRequest("gpt-4o-mini",
        [
            new DeploymentRequest(ProviderKinds.Mock, "mock-a", Settings: new Dictionary<string, string> { ["tokensPerSecond"] = "50" }),
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-x", "https://api.example.test/v1", credential.Id, 3),
        ]);
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", route, SwitchyardJson.Options)).EnsureSuccessStatusCode();
        return (tenant, team, key);
    }

    private static async Task<PublishedSnapshot> BuildAsync(ControlPlaneTestHost host)
    {
        await using var scope = host.CreateScope();
        var builder = scope.ServiceProvider.GetRequiredService<SnapshotBuilder>();
        return await builder.BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
    }

    private static ConfigSnapshot Parse(PublishedSnapshot built) =>
        System.Text.Json.JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
}
