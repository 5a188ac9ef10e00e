using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Providers;

public sealed class CredentialsEndpointsTests
{
    [Fact]
    public async Task CreateCredential_BedrockSecretNotAnAwsKey_ValidationProblemNamesSecret()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials",
            new CreateCredentialRequest("aws", ProviderKinds.Bedrock, "sk-looks-like-openai-0123456789"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"secret\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-looks-like-openai", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCredential_BedrockAccessKeyPair_CreatedAndUsableByBedrockRoute()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials",
            new CreateCredentialRequest("aws", ProviderKinds.Bedrock, "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), SwitchyardJson.Options);
        var credential = (await response.Content.ReadFromJsonAsync<CredentialDto>(SwitchyardJson.Options))!;
        var route = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", new RouteRequest("nova",
            [new DeploymentRequest(ProviderKinds.Bedrock, "amazon.nova-pro-v1:0", CredentialId: credential.Id,
                Settings: new Dictionary<string, string> { ["region"] = "eu-west-1" })]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("…EKEY", credential.SecretHint);
        Assert.Equal(HttpStatusCode.Created, route.StatusCode);
    }
}
