using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

public sealed class ScimTokensEndpointsTests
{
    [Fact]
    public async Task CreateScimToken_TenantAdmin_SecretShownOnceAndListedByPrefix()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Contoso");
        var admin = await host.MemberClientAsync(tenant.Id, "admin@contoso.test", MemberRole.TenantAdmin);

        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/scim/tokens", new CreateScimTokenRequest("Entra ID"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<CreatedScimTokenDto>(SwitchyardJson.Options))!;
        Assert.StartsWith("sy-scim-", body.Secret, StringComparison.Ordinal);
        Assert.StartsWith(body.Token.Prefix, body.Secret, StringComparison.Ordinal);
        var settings = (await admin.GetFromJsonAsync<ScimSettingsDto>($"/api/tenants/{tenant.Id}/scim", SwitchyardJson.Options))!;
        Assert.EndsWith("/scim/v2", settings.BaseUrl, StringComparison.Ordinal);
        Assert.Equal("Entra ID", Assert.Single(settings.Tokens).Name);
        var listed = await admin.GetStringAsync($"/api/tenants/{tenant.Id}/scim/tokens");
        Assert.DoesNotContain(body.Secret, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetScimSettings_PublicBaseUrlConfigured_BaseUrlUsesIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Scim:PublicBaseUrl"] = "https://switchyard.example.com/" });
        var tenant = await host.CreateTenantAsync("Contoso");

        var settings = (await host.Admin.GetFromJsonAsync<ScimSettingsDto>($"/api/tenants/{tenant.Id}/scim", SwitchyardJson.Options))!;

        Assert.Equal("https://switchyard.example.com/scim/v2", settings.BaseUrl);
    }

    [Fact]
    public async Task ScimTokens_DeveloperForbiddenOtherTenantNotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var contoso = await host.CreateTenantAsync("Contoso");
        var fabrikam = await host.CreateTenantAsync("Fabrikam");
        var developer = await host.MemberClientAsync(contoso.Id, "dev@contoso.test", MemberRole.Developer);
        var otherAdmin = await host.MemberClientAsync(fabrikam.Id, "admin@fabrikam.test", MemberRole.TenantAdmin);

        var byDeveloper = await developer.PostAsJsonAsync($"/api/tenants/{contoso.Id}/scim/tokens", new CreateScimTokenRequest("x"), SwitchyardJson.Options);
        var byOtherTenant = await otherAdmin.GetAsync($"/api/tenants/{contoso.Id}/scim/tokens");

        Assert.Equal(HttpStatusCode.Forbidden, byDeveloper.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherTenant.StatusCode);
    }

    [Fact]
    public async Task CreateScimToken_NoName_ValidationProblemNamesName()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Contoso");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/scim/tokens", new CreateScimTokenRequest(" "), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"name\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeScimToken_OtherTenantsToken_NotFoundAndStillWorks()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var contoso = await ScimHosts.HarnessAsync(host, "Contoso");
        var fabrikam = await host.CreateTenantAsync("Fabrikam");
        var token = (await host.Admin.GetFromJsonAsync<ScimTokenDto[]>($"/api/tenants/{contoso.TenantId}/scim/tokens", SwitchyardJson.Options))!.Single();

        var revoke = await host.Admin.DeleteAsync($"/api/tenants/{fabrikam.Id}/scim/tokens/{token.Id}");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        (await contoso.GetAsync("/scim/v2/Users")).Expect(HttpStatusCode.OK);
    }
}
