using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

public sealed class ScimUsersTests
{
    private static string User(string userName, string? externalId = null) =>
        externalId is null
            ? $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"}"""
            : $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","externalId":"{{externalId}}"}""";

    [Fact]
    public async Task CreateScimUser_MemberIsScimDeveloperWithoutPassword()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var created = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("lin@contoso.test", "ext-1"));

        created.Expect(HttpStatusCode.Created);
        var member = (await host.Admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{scim.TenantId}/members", SwitchyardJson.Options))!.Single();
        Assert.Equal((MemberSource.Scim, MemberRole.Developer, "lin@contoso.test", true), (member.Source, member.Role, member.Email, member.Active));
        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("lin@contoso.test", ""), SwitchyardJson.Options);
        Assert.NotEqual(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task CreateScimUser_TakenExternalIdOrEmailInAnotherTenant_ConflictUniqueness()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var other = await host.CreateTenantAsync("Fabrikam");
        await host.MemberClientAsync(other.Id, "taken@fabrikam.test", MemberRole.Developer);
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("lin@contoso.test", "ext-1"))).Expect(HttpStatusCode.Created);

        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("max@contoso.test", "ext-1"))).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("taken@fabrikam.test"))).ExpectError(HttpStatusCode.Conflict, "uniqueness");
    }

    [Theory]
    [InlineData("{not json", "invalidSyntax")]
    [InlineData("[1,2]", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}""", "invalidValue")]
    [InlineData("""{"userName":"no-email-here"}""", "invalidValue")]
    [InlineData("""{"userName":"x@contoso.test","active":"maybe"}""", "invalidValue")]
    [InlineData("""{"userName":42}""", "invalidValue")]
    public async Task CreateScimUser_BadBody_BadRequestInScimShape(string body, string scimType)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", body)).ExpectError(HttpStatusCode.BadRequest, scimType);
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"move","path":"active","value":false}]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"op":"remove"}]}""", "noTarget")]
    [InlineData("""{"op":"replace"}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"op":"replace","path":"userName","value":"not valid email@@"},{"op":"replace","path":"emails","value":"nope"}]}""", "invalidValue")]
    public async Task PatchScimUser_BadPatch_BadRequestInScimShape(string body, string scimType)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("lin@contoso.test"))).Id;

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", body)).ExpectError(HttpStatusCode.BadRequest, scimType);
        Assert.Equal("lin@contoso.test", (string?)(await scim.GetAsync($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.OK)["userName"]);
    }

    [Fact]
    public async Task ListScimUsers_UnsupportedFilter_InvalidFilter()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.GetAsync("/scim/v2/Users?filter=title eq \"boss\"")).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
        (await scim.GetAsync("/scim/v2/Users?filter=userName gt \"a\"")).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task ListScimUsers_StartIndexAndCount_PagesOldestFirst()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var ids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            ids.Add((await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User($"{name}@contoso.test"))).Id);
        }

        var page = (await scim.GetAsync("/scim/v2/Users?startIndex=2&count=1")).Expect(HttpStatusCode.OK);
        var empty = (await scim.GetAsync("/scim/v2/Users?count=0")).Expect(HttpStatusCode.OK);

        Assert.Equal((3, 2, 1), ((int)page["totalResults"]!, (int)page["startIndex"]!, (int)page["itemsPerPage"]!));
        Assert.Equal(ids[1], (string?)page["Resources"]![0]!["id"]);
        Assert.Equal((3, 0), ((int)empty["totalResults"]!, empty["Resources"]!.AsArray().Count));
    }

    [Fact]
    public async Task ListScimUsers_ByExternalIdOrEmail_FindsTheUser()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("lin@contoso.test", "ext-9"))).Id;
        await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", User("max@contoso.test", "ext-8"));

        var byExternalId = (await scim.GetAsync("/scim/v2/Users?filter=externalId eq \"ext-9\"")).Expect(HttpStatusCode.OK);
        var byEmail = (await scim.GetAsync("/scim/v2/Users?filter=emails[type eq \"work\"].value eq \"LIN@contoso.test\"")).Expect(HttpStatusCode.OK);

        Assert.Equal(id, (string?)Assert.Single(byExternalId["Resources"]!.AsArray())!["id"]);
        Assert.Equal(id, (string?)Assert.Single(byEmail["Resources"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task ScimUsers_PlatformAdminMember_InvisibleAndUntouchable()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{scim.TenantId}/members",
            new CreateMemberRequest("root@contoso.test", "correct-horse-battery", MemberRole.PlatformAdmin), SwitchyardJson.Options);
        var root = (await created.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;

        Assert.Equal(0, (int)(await scim.GetAsync("/scim/v2/Users?filter=userName eq \"root@contoso.test\"")).Expect(HttpStatusCode.OK)["totalResults"]!);
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{root.Id}", """{"Operations":[{"op":"replace","value":{"active":false}}]}""")).ExpectError(HttpStatusCode.NotFound);
        (await scim.DeleteAsync($"/scim/v2/Users/{root.Id}")).ExpectError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PatchScimUser_LastTenantAdmin_ConflictAndStaysActive()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var admin = await host.MemberClientAsync(scim.TenantId, "admin@contoso.test", MemberRole.TenantAdmin);
        var id = (await scim.GetAsync("/scim/v2/Users?filter=userName eq \"admin@contoso.test\"")).Resources[0]!["id"]!.GetValue<string>();

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """{"Operations":[{"op":"Replace","path":"active","value":"False"}]}""")).ExpectError(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tenants/{scim.TenantId}/members")).StatusCode);
    }

    [Fact]
    public async Task PatchScimUser_ExternalIdAddedToLocalMember_LinkedAndFoundByIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        await host.MemberClientAsync(scim.TenantId, "dev@contoso.test", MemberRole.Developer);
        var id = (await scim.GetAsync("/scim/v2/Users?filter=userName eq \"dev@contoso.test\"")).Resources[0]!["id"]!.GetValue<string>();

        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """{"Operations":[{"op":"Add","path":"externalId","value":"entra-42"}]}""")).Expect(HttpStatusCode.OK);

        var found = (await scim.GetAsync("/scim/v2/Users?filter=externalId eq \"entra-42\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, (string?)found["Resources"]![0]!["id"]);
    }
}
