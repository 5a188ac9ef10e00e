using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Quotas;

public sealed class QuotasEndpointsTests
{
    [Fact]
    public async Task GetQuotas_Member_SeesLimitsDefaultsOverridesAndUsage()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(QuotaTests.Settings(("Quotas:Teams", "7")));
        var tenant = await host.CreateTenantAsync("Acme");
        await host.CreateTeamAsync(tenant.Id, "Search");
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/quotas", new TenantQuotaOverrides(Keys: 5), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var quotas = (await developer.GetFromJsonAsync<TenantQuotasDto>($"/api/tenants/{tenant.Id}/quotas", SwitchyardJson.Options))!;

        Assert.Equal((5, 7), (quotas.Limits.Keys, quotas.Limits.Teams));
        Assert.Equal((1000, 7), (quotas.Defaults.Keys, quotas.Defaults.Teams));
        Assert.Equal(new TenantQuotaOverrides(Keys: 5), quotas.Overrides);
        Assert.Equal(new TenantQuotaUsage(Keys: 0, Routes: 0, Credentials: 0, Teams: 1, Members: 1), quotas.Used);
    }

    [Fact]
    public async Task PutQuotas_TenantAdminOrTheirAdminKey_ForbiddenAndUnchanged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var keyResponse = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest("ci", MemberRole.TenantAdmin), SwitchyardJson.Options);
        var adminKey = host.CreateClient((await keyResponse.Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!.Secret);

        var byMember = await admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/quotas", new TenantQuotaOverrides(Keys: 1_000_000), SwitchyardJson.Options);
        var byKey = await adminKey.PutAsJsonAsync($"/api/tenants/{tenant.Id}/quotas", new TenantQuotaOverrides(Keys: 1_000_000), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        var quotas = (await admin.GetFromJsonAsync<TenantQuotasDto>($"/api/tenants/{tenant.Id}/quotas", SwitchyardJson.Options))!;
        Assert.Equal(new TenantQuotaOverrides(), quotas.Overrides);
    }

    [Fact]
    public async Task PutQuotas_OutOfRange_Answers400NamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PutAsJsonAsync(
            $"/api/tenants/{tenant.Id}/quotas", new TenantQuotaOverrides(DeploymentsPerRoute: 33, Keys: -1), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("deploymentsPerRoute", out _));
        Assert.True(errors.TryGetProperty("keys", out _));
    }

    [Fact]
    public async Task PutQuotas_NullsAfterOverride_RestoreTheDefaults()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var path = $"/api/tenants/{tenant.Id}/quotas";
        (await host.Admin.PutAsJsonAsync(path, new TenantQuotaOverrides(Keys: 5, Members: 9), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var reset = await host.Admin.PutAsJsonAsync(path, new TenantQuotaOverrides(), SwitchyardJson.Options);

        var quotas = (await reset.Content.ReadFromJsonAsync<TenantQuotasDto>(SwitchyardJson.Options))!;
        Assert.Equal(quotas.Defaults, quotas.Limits);
    }

    [Fact]
    public async Task PutQuotas_UnknownTenant_Answers404()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{Guid.NewGuid()}/quotas", new TenantQuotaOverrides(Keys: 5), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
