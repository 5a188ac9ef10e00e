using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

public sealed class CurrentMemberAuthenticationHandlerTests
{
    [Fact]
    public async Task Authenticate_AdminDemotedAfterSignIn_LosesAdminPowersOnNextRequest()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var boss = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var deputy = await host.MemberClientAsync(tenant.Id, "deputy@acme.test", MemberRole.TenantAdmin);
        var deputyId = (await deputy.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.Created, (await deputy.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("Before"), SwitchyardJson.Options)).StatusCode);

        (await boss.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{deputyId}", new UpdateMemberRequest(MemberRole.Developer), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();

        // Same bearer token as before the demotion.
        var afterwards = await deputy.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("After"), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync($"/api/tenants/{tenant.Id}/admin-keys")).StatusCode);
    }

    [Fact]
    public async Task Authenticate_MemberRemovedAfterSignIn_TokenNoLongerAuthenticates()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);
        var developerId = (await developer.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!.Id;

        (await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/members/{developerId}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await developer.GetAsync($"/api/tenants/{tenant.Id}/teams")).StatusCode);
    }
}
