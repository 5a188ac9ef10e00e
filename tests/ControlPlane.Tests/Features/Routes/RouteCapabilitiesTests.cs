using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class RouteCapabilitiesTests
{
    private static readonly ModelCapabilities Override = new(32_768, 4_096, Chat: true, Tools: false, Vision: false, JsonSchema: true, Embeddings: false);

    [Fact]
    public async Task CreateAndUpdateRoute_CapabilitiesAndDropUnsupportedParams_RoundTrip()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var routes = $"/api/tenants/{tenant.Id}/routes";

        var created = await PostAsync(host, routes, new RouteRequest("llama",
            [new DeploymentRequest(ProviderKinds.Vllm, "acme/llama-ft", "http://vllm.internal:8000/v1", Capabilities: Override)],
            DropUnsupportedParams: true));
        var listed = Assert.Single((await host.Admin.GetFromJsonAsync<RouteDto[]>(routes, SwitchyardJson.Options))!);
        var updated = await (await host.Admin.PutAsJsonAsync($"{routes}/{created.Id}", new RouteRequest("llama",
            [new DeploymentRequest(ProviderKinds.Vllm, "acme/llama-ft", "http://vllm.internal:8000/v1")]), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options);
        var relisted = Assert.Single((await host.Admin.GetFromJsonAsync<RouteDto[]>(routes, SwitchyardJson.Options))!);

        Assert.True(created.DropUnsupportedParams);
        Assert.Equal(Override, created.Deployments[0].Capabilities);
        Assert.True(listed.DropUnsupportedParams);
        Assert.Equal(Override, listed.Deployments[0].Capabilities);
        Assert.False(updated!.DropUnsupportedParams);
        Assert.Null(updated.Deployments[0].Capabilities);
        Assert.False(relisted.DropUnsupportedParams);
        Assert.Null(relisted.Deployments[0].Capabilities);
    }

    [Fact]
    public async Task Snapshot_Deployments_OverrideElseCatalogCapabilitiesAndRouteDropFlag()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await PostAsync(host, $"/api/tenants/{tenant.Id}/routes", new RouteRequest("chat",
        [
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini-2024-07-18"),
            new DeploymentRequest(ProviderKinds.Vllm, "acme/llama-ft", "http://vllm.internal:8000/v1", Capabilities: Override),
            new DeploymentRequest(ProviderKinds.Vllm, "acme/unknown-model", "http://vllm.internal:8000/v1"),
            new DeploymentRequest(ProviderKinds.Mock, "mock-1"),
        ], DropUnsupportedParams: true));
        await PostAsync(host, $"/api/tenants/{tenant.Id}/routes", new RouteRequest("embed",
            [new DeploymentRequest(ProviderKinds.Gemini, "gemini-embedding-001")]));
        await host.WaitUntilPublishedAsync();

        var snapshot = (await host.CreateClient(ControlPlaneTestHost.NodeSecret)
            .GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options))!;

        var chat = Assert.Single(snapshot.Routes, r => r.PublicModel == "chat");
        var embed = Assert.Single(snapshot.Routes, r => r.PublicModel == "embed");
        Assert.True(chat.DropUnsupportedParams);
        Assert.False(embed.DropUnsupportedParams);
        Assert.Equal(ModelCatalog.Resolve(ProviderKinds.OpenAI, "gpt-4o-mini"), chat.Deployments[0].Capabilities);
        Assert.Equal(16_384, chat.Deployments[0].Capabilities!.MaxOutputTokens);
        Assert.Equal(Override, chat.Deployments[1].Capabilities);
        Assert.Equal(ModelCatalog.Unknown("acme/unknown-model"), chat.Deployments[2].Capabilities);
        Assert.Equal(ModelCapabilities.Unrestricted, chat.Deployments[3].Capabilities);
        Assert.True(embed.Deployments[0].Capabilities is { Embeddings: true, Chat: false });
        Assert.Equal(ConfigSnapshotHash.Compute(snapshot), snapshot.Hash);
    }

    [Fact]
    public async Task CreateRoute_InvalidCapabilities_ValidationProblemNamesField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", new RouteRequest("x",
            [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o", Capabilities: new ModelCapabilities(1_000, 2_000))]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deployments[0].capabilities.maxOutputTokens", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<RouteDto> PostAsync(ControlPlaneTestHost host, string path, RouteRequest request)
    {
        var response = await host.Admin.PostAsJsonAsync(path, request, SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
    }
}
