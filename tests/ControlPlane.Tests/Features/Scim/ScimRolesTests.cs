using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>The SCIM <c>roles</c> attribute sets the member's tenant role; PlatformAdmin and unknown roles are refused.</summary>
public sealed class ScimRolesTests
{
    private const string PatchOp = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    [Fact]
    public async Task CreateScimUser_RolesArray_MemberHasThePrimaryRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var created = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """
            {"userName":"fin@contoso.test","roles":[{"value":"developer","primary":false},{"value":"Finance","primary":true}]}
            """)).Expect(HttpStatusCode.Created);

        Assert.Equal(MemberRole.Finance, await RoleAsync(host, scim.TenantId, "fin@contoso.test"));
        Assert.Equal("Finance", (string?)Assert.Single(created["roles"]!.AsArray())!["value"]);
    }

    [Fact]
    public async Task PatchScimUser_EntraPrimaryRolePath_SetsTheRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"lead@contoso.test"}""")).Id;

        var patched = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            { {{PatchOp}}, "Operations":[{"op":"Add","path":"roles[primary eq \"True\"].value","value":"TenantAdmin"}]}
            """)).Expect(HttpStatusCode.OK);

        Assert.Equal(MemberRole.TenantAdmin, await RoleAsync(host, scim.TenantId, "lead@contoso.test"));
        Assert.Equal("TenantAdmin", (string?)patched["roles"]![0]!["value"]);
    }

    [Fact]
    public async Task PatchScimUser_RolesWithoutPrimary_TheOneWithMostRightsWins()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"dev@contoso.test","roles":[{"value":"Auditor"}]}""")).Id;
        Assert.Equal(MemberRole.Auditor, await RoleAsync(host, scim.TenantId, "dev@contoso.test"));

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            { {{PatchOp}}, "Operations":[{"op":"Replace","path":"roles","value":[{"value":"Auditor"},{"value":"Developer"},{"value":"Finance"}]}]}
            """)).Expect(HttpStatusCode.OK);

        Assert.Equal(MemberRole.Developer, await RoleAsync(host, scim.TenantId, "dev@contoso.test"));
    }

    [Fact]
    public async Task PatchScimUser_RoleRemoved_BackToTheDefaultRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"fin@contoso.test","roles":[{"value":"Finance"}]}""")).Id;

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            { {{PatchOp}}, "Operations":[{"op":"Remove","path":"roles[value eq \"Finance\"]"}]}
            """)).Expect(HttpStatusCode.OK);

        Assert.Equal(MemberRole.Developer, await RoleAsync(host, scim.TenantId, "fin@contoso.test"));
    }

    [Fact]
    public async Task ReplaceScimUser_WithoutRoles_RoleKept()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"fin@contoso.test","roles":[{"value":"Finance"}]}""")).Id;

        (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", """{"userName":"fin@contoso.test","displayName":"Fin"}""")).Expect(HttpStatusCode.OK);

        Assert.Equal(MemberRole.Finance, await RoleAsync(host, scim.TenantId, "fin@contoso.test"));
    }

    [Theory]
    [InlineData("PlatformAdmin")]
    [InlineData("platformadmin")]
    [InlineData("Boss")]
    [InlineData("3")]
    public async Task ScimUsers_PlatformAdminOrUnknownRole_InvalidValueAndNothingChanges(string role)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"dev@contoso.test"}""")).Id;

        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""{"userName":"new@contoso.test","roles":[{"value":"{{role}}","primary":true}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            { {{PatchOp}}, "Operations":[{"op":"Add","path":"roles[primary eq \"True\"].value","value":"{{role}}"}]}
            """)).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$$"""
            { {{{PatchOp}}}, "Operations":[{"op":"replace","value":{"roles":[{"value":"Finance"},{"value":"{{{role}}}"}]}}]}
            """)).ExpectError(HttpStatusCode.BadRequest, "invalidValue");

        var members = (await host.Admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{scim.TenantId}/members", SwitchyardJson.Options))!;
        Assert.Equal(MemberRole.Developer, Assert.Single(members).Role);
    }

    [Fact]
    public async Task PatchScimUser_LastTenantAdminDemoted_ConflictAndRoleKept()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        await host.MemberClientAsync(scim.TenantId, "admin@contoso.test", MemberRole.TenantAdmin);
        var id = (await scim.GetAsync("/scim/v2/Users?filter=userName eq \"admin@contoso.test\"")).Resources[0]!["id"]!.GetValue<string>();

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            { {{PatchOp}}, "Operations":[{"op":"Replace","path":"roles","value":[{"value":"Developer"}]}]}
            """)).ExpectError(HttpStatusCode.Conflict);

        Assert.Equal(MemberRole.TenantAdmin, await RoleAsync(host, scim.TenantId, "admin@contoso.test"));
    }

    private static async Task<MemberRole> RoleAsync(ControlPlaneTestHost host, Guid tenantId, string email) =>
        (await host.Admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{tenantId}/members", SwitchyardJson.Options))!.Single(m => m.Email == email).Role;
}
