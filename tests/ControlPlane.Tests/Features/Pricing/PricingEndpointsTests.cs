using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Pricing;

public sealed class PricingEndpointsTests
{
    [Fact]
    public async Task ListModels_Catalog_ShowsThePriceInEffect()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        (await host.Admin.PostAsJsonAsync("/api/platform/prices", new CreateModelPriceRequest(null, "GPT-4o", 2m, 8m), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var models = (await host.Admin.GetFromJsonAsync<ModelCatalogEntry[]>("/api/catalog/models", SwitchyardJson.Options))!;

        var gpt4o = models.Single(m => m.Prefix == "gpt-4o").Price!;
        Assert.Equal((2m, 8m, "admin"), (gpt4o.InputPerMTok, gpt4o.OutputPerMTok, gpt4o.Source));
        Assert.Equal(0.15m, models.Single(m => m.Prefix == "gpt-4o-mini").Price!.InputPerMTok);
        Assert.Null(models.Single(m => m.Prefix == "bge-").Price);
    }

    [Fact]
    public async Task CreatePrice_Change_NewSnapshotRevisionCarriesTheNewVersion()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await CreateRouteAsync(host, tenant.Id, new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-2024-08-06", "https://api.example.test/v1"));
        var before = await DeploymentPriceAsync(host);

        var response = await host.Admin.PostAsJsonAsync("/api/platform/prices", new CreateModelPriceRequest(ProviderKinds.OpenAI, "gpt-4o", 2m, 8m, CachedInputPerMTok: 1m), SwitchyardJson.Options);
        var created = await response.Content.ReadFromJsonAsync<ModelPriceDto>(SwitchyardJson.Options);
        var after = await DeploymentPriceAsync(host);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("builtin-2025-11:gpt-4o", 2.5m), (before.Price!.Version, before.Price.InputPerMTok));
        Assert.True(after.Revision > before.Revision);
        Assert.Equal((created!.Version, 2m, 8m, 1m), (after.Price!.Version, after.Price.InputPerMTok, after.Price.OutputPerMTok, after.Price.CachedInputPerMTok));
    }

    [Fact]
    public async Task CreatePrice_Developer_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var response = await developer.PostAsJsonAsync("/api/platform/prices", new CreateModelPriceRequest(null, "gpt-4o", 0m, 0m), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreatePrice_InvalidFields_ValidationProblemNamesEach()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.PostAsJsonAsync("/api/platform/prices",
            new CreateModelPriceRequest("watsonx", " ", -1m, 200_000m, EffectiveFrom: DateTimeOffset.UtcNow.AddDays(1)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "providerKind", "modelPrefix", "inputPerMTok", "outputPerMTok", "effectiveFrom" })
        {
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UpdateTenantPricing_DiscountAndModelPrice_SnapshotUsesThemInOrder()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await CreateRouteAsync(host, tenant.Id,
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o", "https://api.example.test/v1"),
            new DeploymentRequest(ProviderKinds.Anthropic, "claude-sonnet-4-5", "https://api.example.test/v1"),
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini", "https://api.example.test/v1", InputPricePerMTok: 0.1m, OutputPricePerMTok: 0.2m));

        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/pricing",
            new UpdateTenantPricingRequest(10, [new TenantModelPrice(null, "GPT-4o", 2m, 6m)]), SwitchyardJson.Options);
        var pricing = await response.Content.ReadFromJsonAsync<TenantPricingDto>(SwitchyardJson.Options);
        var deployments = (await SnapshotAsync(host)).Routes.Single().Deployments;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4o", pricing!.ModelPrices.Single().ModelPrefix);
        Assert.Equal((2m, DeploymentPrice.FromTenant), (deployments[0].Price!.InputPerMTok, deployments[0].Price!.Source));
        Assert.Equal((2.7m, 13.5m), (deployments[1].Price!.InputPerMTok, deployments[1].Price!.OutputPerMTok));
        Assert.Equal((0.1m, DeploymentPrice.FromDeployment), (deployments[2].Price!.InputPerMTok, deployments[2].Price!.Source));
        var read = await host.Admin.GetFromJsonAsync<TenantPricingDto>($"/api/tenants/{tenant.Id}/pricing", SwitchyardJson.Options);
        Assert.Equal((10m, pricing.Version), (read!.DiscountPercent, read.Version));
        Assert.Equal(pricing.ModelPrices, read.ModelPrices);
    }

    [Fact]
    public async Task UpdateTenantPricing_TenantAdmin_ForbiddenButMayRead()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "admin@acme.test", MemberRole.TenantAdmin);

        var put = await admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/pricing", new UpdateTenantPricingRequest(99, null), SwitchyardJson.Options);
        var get = await admin.GetFromJsonAsync<TenantPricingDto>($"/api/tenants/{tenant.Id}/pricing", SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal((null, 0), (get!.DiscountPercent, get.ModelPrices.Count));
    }

    [Fact]
    public async Task UpdateTenantPricing_InvalidEntries_ValidationProblemNamesThem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/pricing",
            new UpdateTenantPricingRequest(120, [new TenantModelPrice(null, "gpt-4o", 1m, -3m)]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"discountPercent\"", body, StringComparison.Ordinal);
        Assert.Contains("\"modelPrices[0].outputPerMTok\"", body, StringComparison.Ordinal);
    }

    private static async Task CreateRouteAsync(ControlPlaneTestHost host, Guid tenantId, params DeploymentRequest[] deployments)
    {
        var credential = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/credentials",
                new CreateCredentialRequest("c", ProviderKinds.OpenAI, "sk-upstream-secret-0123456789"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;
        var withCredentials = deployments.Select(d => d.ProviderKind == ProviderKinds.OpenAI ? d with { CredentialId = credential.Id } : d).ToArray();
        var anthropic = withCredentials.Any(d => d.ProviderKind == ProviderKinds.Anthropic)
            ? (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/credentials",
                    new CreateCredentialRequest("a", ProviderKinds.Anthropic, "sk-ant-upstream-secret-0123456789"), SwitchyardJson.Options))
                .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!.Id
            : (Guid?)null;
        withCredentials = withCredentials.Select(d => d.ProviderKind == ProviderKinds.Anthropic ? d with { CredentialId = anthropic } : d).ToArray();
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/routes", new RouteRequest("m", withCredentials, RoutingStrategies.Cost), SwitchyardJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static async Task<ConfigSnapshot> SnapshotAsync(ControlPlaneTestHost host)
    {
        await using var scope = host.CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>()
            .BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        return System.Text.Json.JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
    }

    private static async Task<(long Revision, DeploymentPrice? Price)> DeploymentPriceAsync(ControlPlaneTestHost host)
    {
        var snapshot = await SnapshotAsync(host);
        return (snapshot.Revision, snapshot.Routes.Single().Deployments.Single().Price);
    }
}
