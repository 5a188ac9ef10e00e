using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Tenants;

public sealed class UpdateTenantTests
{
    [Fact]
    public async Task UpdateTenant_TenantAdminRenamesOwnTenant_Renamed()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var response = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: " Acme Corp "), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!;
        Assert.Equal(("Acme Corp", true), (updated.Name, updated.Active));
        Assert.Equal("Acme Corp", (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{tenant.Id}", SwitchyardJson.Options))!.Name);
    }

    [Fact]
    public async Task UpdateTenant_TenantAdminDeactivatesOrDeveloperRenames_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var deactivate = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Active: false), SwitchyardJson.Options);
        var rename = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "Mine"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        Assert.Equal("application/problem+json", deactivate.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        var stored = (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{tenant.Id}", SwitchyardJson.Options))!;
        Assert.Equal(("Acme", true), (stored.Name, stored.Active));
    }

    [Fact]
    public async Task UpdateTenant_PlatformAdminDeactivates_BumpsRevisionAndSnapshotMarksTenantInactive()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var before = await LatestRevisionAsync(host);

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Active: false), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!.Active);
        Assert.Equal(before + 1, await LatestRevisionAsync(host));
        await using var scope = host.CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>()
            .BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        var snapshot = JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
        Assert.Equal(before + 1, snapshot.Revision);
        Assert.False(Assert.Single(snapshot.Tenants, t => t.Id == tenant.Id).Active);
    }

    [Fact]
    public async Task UpdateTenant_SameValues_DoesNotBumpRevision()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var before = await LatestRevisionAsync(host);

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest("Acme", true), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await LatestRevisionAsync(host));
    }

    [Fact]
    public async Task UpdateTenant_BlankName_ValidationProblemNamesName()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "  "), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task UpdateTenant_NameOfAnotherTenant_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.CreateTenantAsync("Globex");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "Globex"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UpdateTenant_AnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var adminOfA = await host.MemberClientAsync(a.Id, "boss@a.test", MemberRole.TenantAdmin);

        var response = await adminOfA.PatchAsJsonAsync($"/api/tenants/{b.Id}", new UpdateTenantRequest(Name: "Taken over"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("B", (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{b.Id}", SwitchyardJson.Options))!.Name);
    }

    private static Task<long> LatestRevisionAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
}
