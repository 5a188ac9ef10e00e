using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

public sealed class ScimGroupsTests
{
    private static async Task<string> UserAsync(ScimHarness scim, string userName) =>
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""{"userName":"{{userName}}"}""")).Id;

    [Fact]
    public async Task ListScimGroups_ExistingTeamByDisplayName_FoundSoTheGroupMapsOntoIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var team = await host.CreateTeamAsync(scim.TenantId, "Search");

        var found = (await scim.GetAsync("/scim/v2/Groups?filter=displayName eq \"search\"&excludedAttributes=members")).Expect(HttpStatusCode.OK);
        var created = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Search"}""");

        Assert.Equal(team.Id.ToString(), (string?)Assert.Single(found["Resources"]!.AsArray())!["id"]);
        created.ExpectError(HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task CreateScimGroup_WithMembers_TeamWithThoseMembers()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var lin = await UserAsync(scim, "lin@contoso.test");

        var created = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", $$"""{"displayName":"Search","externalId":"g-1","members":[{"value":"{{lin}}"}]}""");

        var group = created.Expect(HttpStatusCode.Created);
        Assert.Equal("g-1", (string?)group["externalId"]);
        var members = (await host.Admin.GetFromJsonAsync<TeamMemberDto[]>($"/api/tenants/{scim.TenantId}/teams/{created.Id}/members", SwitchyardJson.Options))!;
        Assert.Equal((Guid.Parse(lin), TeamRole.Member), (Assert.Single(members).MemberId, members[0].Role));
        Assert.Equal(created.Id, (string?)(await scim.GetAsync("/scim/v2/Groups?filter=externalId eq \"g-1\"")).Resources[0]!["id"]);
    }

    [Fact]
    public async Task ReplaceScimGroup_MembersList_ExactlyThoseRemainAndLeaversLosePersonalKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var lin = await UserAsync(scim, "lin@contoso.test");
        var max = await UserAsync(scim, "max@contoso.test");
        var group = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", $$"""{"displayName":"Search","members":[{"value":"{{lin}}"}]}""")).Id;
        var session = await scim.SignInAsync(Guid.Parse(lin), "lin@contoso.test");
        var key = await scim.CreatePersonalKeyAsync(session, Guid.Parse(group));

        var replaced = (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Groups/{group}", $$"""{"displayName":"Search & Ranking","members":[{"value":"{{max}}"}]}""")).Expect(HttpStatusCode.OK);

        Assert.Equal("Search & Ranking", (string?)replaced["displayName"]);
        Assert.Equal(max, (string?)Assert.Single(replaced["members"]!.AsArray())!["value"]);
        Assert.Equal("Revoked", (await scim.KeyAsync(key.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/api/tenants/{scim.TenantId}/keys")).StatusCode);
    }

    [Fact]
    public async Task PatchScimGroup_UnknownMemberId_InvalidValueAndNothingChanged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var lin = await UserAsync(scim, "lin@contoso.test");
        var group = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Search"}""")).Id;

        var response = await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{group}",
            $$"""{"Operations":[{"op":"add","path":"members","value":[{"value":"{{lin}}"},{"value":"{{Guid.NewGuid()}}"}]}]}""");

        response.ExpectError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Empty((await scim.GetAsync($"/scim/v2/Groups/{group}")).Expect(HttpStatusCode.OK)["members"]!.AsArray());
    }

    [Fact]
    public async Task DeleteScimGroup_TeamWithoutHistory_TeamDeleted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var group = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Search"}""")).Id;

        (await scim.DeleteAsync($"/scim/v2/Groups/{group}")).Expect(HttpStatusCode.NoContent);

        (await scim.GetAsync($"/scim/v2/Groups/{group}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await host.Admin.GetFromJsonAsync<TeamDto[]>($"/api/tenants/{scim.TenantId}/teams", SwitchyardJson.Options))!);
    }

    [Fact]
    public async Task DeleteScimGroup_TeamWithKeys_TeamKeptWithoutMembersOrExternalId()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var lin = await UserAsync(scim, "lin@contoso.test");
        var group = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", $$"""{"displayName":"Search","externalId":"g-1","members":[{"value":"{{lin}}"}]}""")).Id;
        var key = await scim.CreatePersonalKeyAsync(await scim.SignInAsync(Guid.Parse(lin), "lin@contoso.test"), Guid.Parse(group));

        (await scim.DeleteAsync($"/scim/v2/Groups/{group}")).Expect(HttpStatusCode.NoContent);

        var kept = (await scim.GetAsync($"/scim/v2/Groups/{group}")).Expect(HttpStatusCode.OK);
        Assert.Null(kept["externalId"]);
        Assert.Empty(kept["members"]!.AsArray());
        Assert.Equal("Revoked", (await scim.KeyAsync(key.Id)).Status);
    }

    [Fact]
    public async Task Discovery_ServiceProviderConfigResourceTypesSchemas_DescribeWhatIsSupported()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var config = (await scim.GetAsync("/scim/v2/ServiceProviderConfig")).Expect(HttpStatusCode.OK);
        var types = (await scim.GetAsync("/scim/v2/ResourceTypes")).Expect(HttpStatusCode.OK);
        var schemas = (await scim.GetAsync("/scim/v2/Schemas")).Expect(HttpStatusCode.OK);

        Assert.True((bool)config["patch"]!["supported"]!);
        Assert.False((bool)config["bulk"]!["supported"]!);
        Assert.Equal("oauthbearertoken", (string?)config["authenticationSchemes"]![0]!["type"]);
        Assert.Equal(["/Users", "/Groups"], types["Resources"]!.AsArray().Select(t => (string)t!["endpoint"]!));
        Assert.Equal(
            ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"],
            schemas["Resources"]!.AsArray().Select(s => (string)s!["id"]!));
    }
}
