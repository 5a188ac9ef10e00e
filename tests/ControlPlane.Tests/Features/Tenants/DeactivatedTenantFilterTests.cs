using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Tenants;

public sealed class DeactivatedTenantFilterTests
{
    [Fact]
    public async Task EveryTenantWriteEndpoint_DeactivatedTenantsAdmin_Answers403ExplainingDeactivation()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        await DeactivateAsync(host, tenant.Id);
        var writes = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/tenants/{tenantId", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>()?.Policy != AdminPolicies.PlatformAdmin)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m != "GET").Select(m => (Method: m, Endpoint: e)))
            .ToList();

        Assert.True(writes.Count >= 15, $"only {writes.Count} write endpoints found");
        foreach (var (method, endpoint) in writes)
        {
            var path = string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { Name: "tenantId" } => tenant.Id.ToString(),
                RoutePatternParameterPart => Guid.NewGuid().ToString(),
                _ => "",
            }))));
            using var request = new HttpRequestMessage(new HttpMethod(method), "/" + path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

            var response = await admin.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} /{path}: {(int)response.StatusCode}");
            Assert.Contains("deactivated", await DetailAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DeactivatedTenant_MembersReadButTheirAutomationKeyCannotCreateKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);
        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest("ci", MemberRole.Developer), SwitchyardJson.Options);
        var automation = host.CreateClient((await created.Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!.Secret);
        await DeactivateAsync(host, tenant.Id);

        var createKey = await automation.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "burst"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, createKey.StatusCode);
        Assert.Equal("application/problem+json", createKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await automation.GetAsync($"/api/tenants/{tenant.Id}/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync($"/api/tenants/{tenant.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync($"/api/tenants/{tenant.Id}/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync($"/api/tenants/{tenant.Id}/quotas")).StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => Task.FromResult(db.VirtualKeys.Count())));
    }

    [Fact]
    public async Task DeactivatedTenant_PlatformAdminRevokesThenReactivates_TenantWritesAgain()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var key = (await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "app"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        await DeactivateAsync(host, tenant.Id);

        var selfReactivate = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Active: true), SwitchyardJson.Options);
        var revokeByPlatform = await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null);
        var reactivate = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Active: true), SwitchyardJson.Options);
        var writeAfter = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("Later"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, selfReactivate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revokeByPlatform.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, writeAfter.StatusCode);
    }

    private static async Task DeactivateAsync(ControlPlaneTestHost host, Guid tenantId) =>
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(Active: false), SwitchyardJson.Options)).EnsureSuccessStatusCode();

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("detail").GetString() ?? "";
    }
}
