using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TenantSettings;

public sealed class TenantSettingsEndpointsTests
{
    [Fact]
    public async Task Get_NothingSet_Defaults()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var settings = await host.Admin.GetFromJsonAsync<TenantSettingsDto>($"/api/tenants/{tenant.Id}/settings", SwitchyardJson.Options);

        Assert.Equal(new TenantSettingsDto(12, false), settings);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(129)]
    public async Task Patch_LengthOutOfRange_ValidationProblemNamesField(int length)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(length), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("passwordMinLength", out _));
    }

    [Fact]
    public async Task Patch_OneField_KeepsTheOther()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(20), SwitchyardJson.Options);

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(RequireTotp: true), SwitchyardJson.Options);

        Assert.Equal(new TenantSettingsDto(20, true), await response.Content.ReadFromJsonAsync<TenantSettingsDto>(SwitchyardJson.Options));
    }

    [Fact]
    public async Task CreateMember_ShorterThanTenantPolicy_ValidationProblemNamesPassword()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(16), SwitchyardJson.Options);

        var refused = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", "fourteen-chars", MemberRole.Developer), SwitchyardJson.Options);
        var elsewhere = await host.Admin.PostAsJsonAsync($"/api/tenants/{other.Id}/members", new CreateMemberRequest("bob@other.test", "fourteen-chars", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("16", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData(MemberRole.Developer)]
    [InlineData(MemberRole.Finance)]
    public async Task Patch_NotTenantAdmin_Forbidden(MemberRole role)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var member = await host.MemberClientAsync(tenant.Id, "dev@acme.test", role);

        var response = await member.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(RequireTotp: false), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
