using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Catalog;

public sealed class CatalogEndpointsTests
{
    [Fact]
    public async Task ListModels_Developer_BuiltInCatalog()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var models = await developer.GetFromJsonAsync<ModelCatalogEntry[]>("/api/catalog/models", SwitchyardJson.Options);

        Assert.Equal(ModelCatalog.Entries.Count, models!.Length);
        var gpt4o = Assert.Single(models, m => m.Prefix == "gpt-4o");
        Assert.Equal(ModelCatalog.Find("gpt-4o")!.Capabilities, gpt4o.Capabilities);
    }

    [Fact]
    public async Task ListModels_Anonymous_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync("/api/catalog/models")).StatusCode);
    }

    [Fact]
    public async Task Resolve_BedrockProfileAndUnknownModel_MatchedPrefixOrDefaults()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var bedrock = await host.Admin.GetFromJsonAsync<ResolvedModelDto>(
            "/api/catalog/resolve?providerKind=bedrock&model=us.anthropic.claude-3-7-sonnet-20250219-v1:0", SwitchyardJson.Options);
        var unknown = await host.Admin.GetFromJsonAsync<ResolvedModelDto>(
            "/api/catalog/resolve?providerKind=vllm&model=acme/ft-embed-v1", SwitchyardJson.Options);

        Assert.Equal("claude-3-7-sonnet", bedrock!.MatchedPrefix);
        Assert.Equal(64_000, bedrock.Capabilities.MaxOutputTokens);
        Assert.Null(unknown!.MatchedPrefix);
        Assert.Equal(ModelCatalog.Unknown("acme/ft-embed-v1"), unknown.Capabilities);
        Assert.True(unknown.Capabilities.Embeddings);
    }

    [Fact]
    public async Task Resolve_UnknownKindWithoutModel_ValidationProblemNamesFields()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.GetAsync("/api/catalog/resolve?providerKind=watsonx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"model\"", body, StringComparison.Ordinal);
        Assert.Contains("\"providerKind\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DocumentsCatalogEndpoints()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var document = await host.Anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/catalog/models", document, StringComparison.Ordinal);
        Assert.Contains("/api/catalog/resolve", document, StringComparison.Ordinal);
        Assert.Contains("ModelCapabilities", document, StringComparison.Ordinal);
    }
}
