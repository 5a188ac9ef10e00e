using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class RoutesEndpointsTests
{
    [Fact]
    public async Task CreateRoute_InvalidDeployments_ValidationProblemNamesFields()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var request = new RouteRequest("gpt",
        [
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-x", "not-a-url", Weight: 0),
            new DeploymentRequest("watsonx", "x"),
            new DeploymentRequest(ProviderKinds.Bedrock, "amazon.nova-pro-v1:0"),
            new DeploymentRequest(ProviderKinds.AzureOpenAI, "gpt-4o", Settings: new Dictionary<string, string> { ["apiVersion"] = "latest" }),
        ]);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "deployments[0].baseUrl", "deployments[0].weight", "deployments[1].providerKind", "deployments[2].settings.region",
            "deployments[3].baseUrl", "deployments[3].settings.apiVersion",
        ], errors);
    }

    [Fact]
    public async Task CreateRoute_EveryKindWithItsRequiredFields_Created()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var request = new RouteRequest("any",
        [
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o"),
            new DeploymentRequest(ProviderKinds.Anthropic, "claude-sonnet-4-20250514"),
            new DeploymentRequest(ProviderKinds.Gemini, "gemini-2.5-flash"),
            new DeploymentRequest(ProviderKinds.Bedrock, "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
                Settings: new Dictionary<string, string> { ["region"] = "us-east-1" }),
            new DeploymentRequest(ProviderKinds.AzureOpenAI, "gpt-4o", "https://acme.openai.azure.com",
                Settings: new Dictionary<string, string> { ["apiVersion"] = "2024-10-21", ["deployment"] = "gpt4o-prod" }),
            new DeploymentRequest(ProviderKinds.Vllm, "meta-llama/Llama-3.3-70B-Instruct", "http://vllm.internal:8000/v1"),
            new DeploymentRequest(ProviderKinds.Ollama, "llama3.2", "http://ollama.internal:11434/v1"),
            .. new[] { ProviderKinds.Mistral, ProviderKinds.Groq, ProviderKinds.Together, ProviderKinds.DeepSeek, ProviderKinds.Fireworks,
                ProviderKinds.OpenRouter, ProviderKinds.Mock }.Select(k => new DeploymentRequest(k, "some-model")),
        ]);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var route = (await response.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
        Assert.Equal(ProviderKinds.All.Order(StringComparer.Ordinal), route.Deployments.Select(d => d.ProviderKind).Order(StringComparer.Ordinal));
        Assert.Null(route.Deployments[0].BaseUrl);
    }

    [Fact]
    public async Task CreateRoute_CredentialOfAnotherProviderKind_ValidationProblemNamesCredentialId()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var anthropic = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials",
            new CreateCredentialRequest("anthropic", ProviderKinds.Anthropic, "sk-ant-secret-value-1234"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("gemini", [new DeploymentRequest(ProviderKinds.Gemini, "gemini-2.5-flash", CredentialId: anthropic.Id)]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deployments[0].credentialId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRoute_DuplicatePublicModel_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var request = new RouteRequest("mock-gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")]);
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var duplicate = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task DeleteCredential_UsedByRoute_ConflictThenDeletableAfterRouteDeleted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var credential = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials",
            new CreateCredentialRequest("openai", ProviderKinds.OpenAI, "sk-secret-value-1234"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;
        Assert.Equal("…1234", credential.SecretHint);
        var route = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-x", "https://api.example.test/v1", credential.Id)]), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;

        var blocked = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/credentials/{credential.Id}");
        await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}");
        var deleted = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/credentials/{credential.Id}");

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task CreateRoute_CredentialOfAnotherTenant_ValidationProblem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var credentialOfB = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{b.Id}/credentials",
            new CreateCredentialRequest("openai", ProviderKinds.OpenAI, "sk-secret-value-1234"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{a.Id}/routes",
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-x", "https://api.example.test/v1", credentialOfB.Id)]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deployments[0].credentialId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndUpdateRoute_StrategyKindOrSettingNodesDoNotAccept_RefusedNamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var valid = new RouteRequest("mock-gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")]);
        var route = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", valid, SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
        var invalid = new RouteRequest("mock-gpt",
        [
            new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Settings: new Dictionary<string, string> { ["latencyMS"] = "5" }),
            new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o", Settings: new Dictionary<string, string> { ["region"] = "us-east-1" }),
            new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Settings: new Dictionary<string, string> { ["failStatus"] = "200" }),
            new DeploymentRequest("carrier-pigeon", "coo"),
        ], Strategy: "fastest");

        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", invalid with { PublicModel = "other" }, SwitchyardJson.Options);
        var updated = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}", invalid, SwitchyardJson.Options);

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var errors = body.RootElement.GetProperty("errors");
            Assert.Equal(
                ["deployments[0].settings.latencyMS", "deployments[1].settings.region", "deployments[2].settings.failStatus", "deployments[3].providerKind", "strategy"],
                errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Contains("weighted", errors.GetProperty("strategy")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("latencyMs", errors.GetProperty("deployments[0].settings.latencyMS")[0].GetString(), StringComparison.Ordinal);
        }

        var stored = await host.Admin.GetFromJsonAsync<RouteDto[]>($"/api/tenants/{tenant.Id}/routes", SwitchyardJson.Options);
        Assert.Equal(RoutingStrategies.Weighted, Assert.Single(stored!).Strategy);
    }
}
