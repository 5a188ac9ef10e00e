using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary><c>name.givenName</c>, <c>name.familyName</c> and <c>displayName</c>: stored on the member, returned, listed.</summary>
public sealed class ScimUserNamesTests
{
    [Fact]
    public async Task CreateScimUser_NameObjectAndDisplayName_StoredReturnedAndListedByTheAdminApi()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var created = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@contoso.test",
             "name":{"givenName":" Ada ","familyName":"Lovelace","formatted":"Ada Lovelace"},"displayName":"Ada Lovelace"}
            """)).Expect(HttpStatusCode.Created);

        var fetched = (await scim.GetAsync($"/scim/v2/Users/{created["id"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("Ada", "Lovelace", "Ada Lovelace"), Names(fetched));
        var member = Assert.Single((await host.Admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{scim.TenantId}/members", SwitchyardJson.Options))!);
        Assert.Equal("Ada Lovelace", member.DisplayName);
    }

    [Fact]
    public async Task PatchScimUser_EntraPathsThenOktaNameObject_NamesFollow()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"ada@contoso.test","name":{"givenName":"Ada","familyName":"Byron"}}""")).Id;

        var entra = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"name.familyName","value":"King"},
              {"op":"Add","path":"urn:ietf:params:scim:schemas:core:2.0:User:displayName","value":"Ada King"}]}
            """)).Expect(HttpStatusCode.OK);
        var okta = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"Operations":[{"op":"replace","value":{"name":{"givenName":"Augusta"},"displayName":"Augusta Ada King"}}]}
            """)).Expect(HttpStatusCode.OK);
        var removed = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"Operations":[{"op":"remove","path":"displayName"}]}
            """)).Expect(HttpStatusCode.OK);

        Assert.Equal(("Ada", "King", "Ada King"), Names(entra));
        Assert.Equal(("Augusta", "King", "Augusta Ada King"), Names(okta));
        Assert.Equal(("Augusta", "King", (string?)null), Names(removed));
    }

    [Fact]
    public async Task ReplaceScimUser_WithoutNames_NamesCleared()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"ada@contoso.test","name":{"givenName":"Ada"},"displayName":"Ada"}""")).Id;

        var replaced = (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", """{"userName":"ada@contoso.test"}""")).Expect(HttpStatusCode.OK);

        Assert.Equal(((string?)null, (string?)null, (string?)null), Names(replaced));
        Assert.Null(replaced["name"]);
    }

    [Theory]
    [InlineData("""{"userName":"ada@contoso.test","name":"Ada"}""")]
    [InlineData("""{"userName":"ada@contoso.test","displayName":42}""")]
    public async Task CreateScimUser_MalformedName_InvalidValue(string body)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", body)).ExpectError(HttpStatusCode.BadRequest, "invalidValue");
    }

    private static (string? Given, string? Family, string? Display) Names(JsonObject user) =>
        ((string?)user["name"]?["givenName"], (string?)user["name"]?["familyName"], (string?)user["displayName"]);
}
