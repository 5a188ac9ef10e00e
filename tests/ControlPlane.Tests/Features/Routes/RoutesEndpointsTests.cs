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
    public async Task CreateRoute_OpenAiWithoutBaseUrlAndZeroWeight_ValidationProblemNamesFields()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var request = new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-x", "not-a-url", Weight: 0), new DeploymentRequest("bedrock", "x")]);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("deployments[0].baseUrl", out _));
        Assert.True(errors.TryGetProperty("deployments[0].weight", out _));
        Assert.True(errors.TryGetProperty("deployments[1].providerKind", out _));
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
}
