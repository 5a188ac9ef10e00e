using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

public sealed class ScimTokenFilterTests
{
    private const string NewUser = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"lin@contoso.test"}""";

    [Fact]
    public async Task Users_MissingMalformedOrUnknownToken_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await ScimHosts.HarnessAsync(host);

        foreach (var client in new[] { host.Anonymous, host.CreateClient("sy-scim-not-a-real-token-0123456789abcdef"), host.CreateClient("not-even-scim") })
        {
            var response = await ScimHarness.SendAsync(client, HttpMethod.Get, "/scim/v2/Users", null);
            response.ExpectError(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Users_AdminKeyOrMemberToken_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var member = await host.MemberClientAsync(scim.TenantId, "admin@contoso.test", MemberRole.TenantAdmin);

        (await ScimHarness.SendAsync(host.Admin, HttpMethod.Get, "/scim/v2/Users", null)).ExpectError(HttpStatusCode.Unauthorized);
        (await ScimHarness.SendAsync(member, HttpMethod.Post, "/scim/v2/Users", NewUser)).ExpectError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Users_RevokedToken_UnauthorizedAtOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        (await scim.GetAsync("/scim/v2/Users")).Expect(HttpStatusCode.OK);
        var tokens = await host.Admin.GetFromJsonAsync<ScimTokenDto[]>($"/api/tenants/{scim.TenantId}/scim/tokens", SwitchyardJson.Options);

        var revoke = await host.Admin.DeleteAsync($"/api/tenants/{scim.TenantId}/scim/tokens/{tokens!.Single().Id}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        (await scim.GetAsync("/scim/v2/Users")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UsersAndGroups_OtherTenantsToken_NotFoundAndNotListed()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var contoso = await ScimHosts.HarnessAsync(host, "Contoso");
        var fabrikam = await ScimHosts.HarnessAsync(host, "Fabrikam");
        var user = (await contoso.SendAsync(HttpMethod.Post, "/scim/v2/Users", NewUser)).Id;
        var group = (await contoso.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Search"}""")).Id;

        (await fabrikam.GetAsync($"/scim/v2/Users/{user}")).ExpectError(HttpStatusCode.NotFound);
        (await fabrikam.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{user}", """{"Operations":[{"op":"replace","value":{"active":false}}]}""")).ExpectError(HttpStatusCode.NotFound);
        (await fabrikam.DeleteAsync($"/scim/v2/Users/{user}")).ExpectError(HttpStatusCode.NotFound);
        (await fabrikam.GetAsync($"/scim/v2/Groups/{group}")).ExpectError(HttpStatusCode.NotFound);
        (await fabrikam.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{group}", $$"""{"Operations":[{"op":"add","path":"members","value":[{"value":"{{user}}"}]}]}""")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await fabrikam.GetAsync("/scim/v2/Users")).Expect(HttpStatusCode.OK)["totalResults"]!);
        Assert.Equal(0, (int)(await fabrikam.GetAsync("/scim/v2/Groups")).Expect(HttpStatusCode.OK)["totalResults"]!);

        // Nor can Fabrikam's group take Contoso's user.
        var own = (await fabrikam.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Search"}""")).Id;
        (await fabrikam.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{own}", $$"""{"Operations":[{"op":"add","path":"members","value":[{"value":"{{user}}"}]}]}""")).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.True((bool)(await contoso.GetAsync($"/scim/v2/Users/{user}")).Expect(HttpStatusCode.OK)["active"]!);
    }

    [Fact]
    public async Task AdminApi_ScimToken_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var response = await scim.Scim.GetAsync($"/api/tenants/{scim.TenantId}/members");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Users_DeactivatedTenant_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var deactivate = await host.Admin.PatchAsJsonAsync($"/api/tenants/{scim.TenantId}", new UpdateTenantRequest(Active: false), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", NewUser)).ExpectError(HttpStatusCode.Forbidden);
    }
}
