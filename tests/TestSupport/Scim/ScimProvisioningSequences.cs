using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Xunit;

namespace Switchyard.Testing.Scim;

/// <summary>
/// The request sequences Microsoft Entra ID and Okta send when they provision an application, in their documented shapes
/// (Entra: capitalised ops, <c>active</c> as the text "False", <c>emails[type eq "work"].value</c> paths, group members
/// added and removed with a value list; Okta: the connection test, PUT for whole users, replace without a path,
/// <c>members[value eq "…"]</c> removal), with what a user of Switchyard notices after each step: the member, their
/// team, their session and personal key.
/// </summary>
public static class ScimProvisioningSequences
{
    public static async Task EntraIdAsync(ScimHarness scim)
    {
        const string userName = "ada.lovelace@contoso.test";

        // Entra looks the user up by its matching attribute before creating it.
        var lookup = (await scim.GetAsync($"/scim/v2/Users?filter=userName+eq+%22{Uri.EscapeDataString(userName)}%22")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)lookup["totalResults"]!);

        var created = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7e3c5a0b1c01",
              "userName": "{{userName}}",
              "active": true,
              "displayName": "Ada Lovelace",
              "emails": [{ "primary": true, "type": "work", "value": "ada@contoso.test" }],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "Ada Lovelace", "familyName": "Lovelace", "givenName": "Ada" },
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Engines" }
            }
            """);
        var user = created.Expect(HttpStatusCode.Created);
        var userId = created.Id;
        Assert.Equal(userName, (string?)user["userName"]);
        Assert.Equal("ada@contoso.test", (string?)user["emails"]![0]!["value"]);
        Assert.True((bool)user["active"]!);
        Assert.Equal("0a21f0f2-8d2a-4f8e-bf98-7e3c5a0b1c01", (string?)user["externalId"]);
        Assert.Equal(("Ada", "Lovelace", "Ada Lovelace"), ((string?)user["name"]!["givenName"], (string?)user["name"]!["familyName"], (string?)user["displayName"]));

        var members = await scim.Admin.GetStringAsync($"/api/tenants/{scim.TenantId}/members");
        Assert.Contains("\"source\":\"Scim\"", members, StringComparison.Ordinal);
        Assert.Contains("\"displayName\":\"Ada Lovelace\"", members, StringComparison.Ordinal);

        // Matching again (case differs: userName is not case-exact) finds the same user, so Entra does not create it twice.
        var found = (await scim.GetAsync($"/scim/v2/Users?filter=userName eq \"{userName.ToUpperInvariant()}\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)found["totalResults"]!);
        Assert.Equal(userId, (string?)found["Resources"]![0]!["id"]);
        var searched = (await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(
            "(userName sw \"ADA.\" or displayName co \"lovelace\") and active eq true and externalId pr and emails.value ne \"x@contoso.test\""))).Expect(HttpStatusCode.OK);
        Assert.Equal(userId, (string?)Assert.Single(searched["Resources"]!.AsArray())!["id"]);
        var duplicate = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","emails":[{"value":"other@contoso.test","type":"work"}]}""");
        duplicate.ExpectError(HttpStatusCode.Conflict, "uniqueness");

        // The group: looked up by displayName without members, then created, then members added.
        var groupLookup = (await scim.GetAsync("/scim/v2/Groups?excludedAttributes=members&filter=displayName+eq+%22Analytical+Engines%22")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)groupLookup["totalResults"]!);
        var group = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"6f1c2f66-5a7e-4a8e-9d5f-1a2b3c4d5e6f","displayName":"Analytical Engines","meta":{"resourceType":"Group"}}
            """);
        group.Expect(HttpStatusCode.Created);
        var groupId = group.Id;
        var add = await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"{{userId}}"}]}]}
            """);
        add.Expect(HttpStatusCode.NoContent);
        var membership = (await scim.GetAsync($"/scim/v2/Groups?filter=id eq \"{groupId}\" and members[value eq \"{userId}\"]&excludedAttributes=members")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)membership["totalResults"]!);
        Assert.Null(membership["Resources"]![0]!["members"]);
        var teamId = Guid.Parse(groupId);
        var teamMembers = await scim.Admin.GetStringAsync($"/api/tenants/{scim.TenantId}/teams/{teamId}/members");
        Assert.Contains(userId, teamMembers, StringComparison.Ordinal);

        // The person works: a session, and a personal key in the team.
        var session = await scim.SignInAsync(Guid.Parse(userId), "ada@contoso.test");
        var key = await scim.CreatePersonalKeyAsync(session, teamId);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/api/tenants/{scim.TenantId}/keys")).StatusCode);

        // Attribute updates, Entra style.
        var updated = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"emails[type eq \"work\"].value","value":"ada.l@contoso.test"},
              {"op":"Replace","path":"name.familyName","value":"King"},
              {"op":"Add","path":"roles[primary eq \"True\"].value","value":"Finance"},
              {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"1815"}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.Equal("ada.l@contoso.test", (string?)updated["emails"]![0]!["value"]);
        Assert.Equal("King", (string?)updated["name"]!["familyName"]);
        Assert.Equal(MemberRole.Finance, await RoleAsync(scim, userId));

        // Unassigned in Entra: active "False" (a string) deactivates at once.
        var disabled = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.False((bool)disabled["active"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync($"/api/tenants/{scim.TenantId}/keys")).StatusCode);
        Assert.Equal("Revoked", (await scim.KeyAsync(key.Id)).Status);
        var stillListed = (await scim.GetAsync($"/scim/v2/Users?filter=userName eq \"{userName}\"")).Expect(HttpStatusCode.OK);
        Assert.False((bool)stillListed["Resources"]![0]!["active"]!);

        // Group membership removed, Entra style.
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"{{userId}}"}]}]}
            """)).Expect(HttpStatusCode.NoContent);
        var emptied = (await scim.GetAsync($"/scim/v2/Groups/{groupId}")).Expect(HttpStatusCode.OK);
        Assert.Empty(emptied["members"]!.AsArray());

        // Hard delete after Entra's retention, then the group.
        (await scim.DeleteAsync($"/scim/v2/Users/{userId}")).Expect(HttpStatusCode.NoContent);
        (await scim.GetAsync($"/scim/v2/Users/{userId}")).ExpectError(HttpStatusCode.NotFound);
        (await scim.DeleteAsync($"/scim/v2/Groups/{groupId}")).Expect(HttpStatusCode.NoContent);
        await ExpectAuditedAsync(scim, "ScimCreateUser", "ScimCreateGroup", "ScimPatchGroup", "ScimPatchUser", "ScimDeleteUser");
    }

    public static async Task OktaAsync(ScimHarness scim)
    {
        const string userName = "grace.hopper@okta.test";

        // "Test connector configuration".
        var probe = (await scim.GetAsync("/scim/v2/Users?startIndex=1&count=2")).Expect(HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string?)probe["schemas"]![0]);
        Assert.Equal(1, (int)probe["startIndex"]!);

        var lookup = (await scim.GetAsync($"/scim/v2/Users?filter=userName%20eq%20%22{Uri.EscapeDataString(userName)}%22&startIndex=1&count=100")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)lookup["totalResults"]!);
        var created = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "{{userName}}",
              "name": { "givenName": "Grace", "familyName": "Hopper" },
              "emails": [{ "primary": true, "value": "{{userName}}", "type": "work" }],
              "displayName": "Grace Hopper",
              "locale": "en-US",
              "externalId": "00u1a2b3c4d5e6f7g8h9",
              "groups": [],
              "password": "ignored-1234",
              "active": true
            }
            """);
        created.Expect(HttpStatusCode.Created);
        var userId = created.Id;
        var fetched = (await scim.GetAsync($"/scim/v2/Users/{userId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("Grace", "Hopper", "Grace Hopper"), ((string?)fetched["name"]!["givenName"], (string?)fetched["name"]!["familyName"], (string?)fetched["displayName"]));

        // Profile push as a whole user (PUT), keeping active.
        var replaced = (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Users/{userId}", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{userId}}","userName":"{{userName}}",
             "name":{"givenName":"Grace Brewster","familyName":"Hopper"},"emails":[{"primary":true,"value":"grace@okta.test","type":"work"}],
             "displayName":"Grace Brewster Hopper","externalId":"00u1a2b3c4d5e6f7g8h9","active":true}
            """)).Expect(HttpStatusCode.OK);
        Assert.Equal("grace@okta.test", (string?)replaced["emails"]![0]!["value"]);
        Assert.Equal(("Grace Brewster", "Grace Brewster Hopper"), ((string?)replaced["name"]!["givenName"], (string?)replaced["displayName"]));
        Assert.True((bool)replaced["active"]!);

        // Push groups: create, add the member, rename.
        var group = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Compilers","members":[]}
            """);
        group.Expect(HttpStatusCode.Created);
        var groupId = group.Id;
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{userId}}","display":"{{userName}}"}]}]}
            """)).Expect(HttpStatusCode.NoContent);
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"{{{groupId}}}","displayName":"Compiler Team"}}]}
            """)).Expect(HttpStatusCode.NoContent);
        var renamed = (await scim.GetAsync($"/scim/v2/Groups/{groupId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Compiler Team", (string?)renamed["displayName"]);
        Assert.Equal(userId, (string?)renamed["members"]![0]!["value"]);

        var session = await scim.SignInAsync(Guid.Parse(userId), "grace@okta.test");
        var key = await scim.CreatePersonalKeyAsync(session, Guid.Parse(groupId));

        // Deactivated in Okta: replace without a path, active as a boolean.
        var deactivated = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.False((bool)deactivated["active"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync($"/api/tenants/{scim.TenantId}/keys")).StatusCode);
        Assert.Equal("Revoked", (await scim.KeyAsync(key.Id)).Status);

        // Reactivated: the member can work again; the revoked key stays revoked.
        var reactivated = (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.True((bool)reactivated["active"]!);
        Assert.Equal("Revoked", (await scim.KeyAsync(key.Id)).Status);

        // An app role pushed as the whole roles list (replace without a path).
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"roles":[{"value":"Auditor","primary":true}]}}]}
            """)).Expect(HttpStatusCode.OK);
        Assert.Equal(MemberRole.Auditor, await RoleAsync(scim, userId));

        // Unassigned from the group, Okta style, then the group deleted.
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{userId}}\"]"}]}
            """)).Expect(HttpStatusCode.NoContent);
        var left = (await scim.GetAsync($"/scim/v2/Groups/{groupId}")).Expect(HttpStatusCode.OK);
        Assert.Empty(left["members"]!.AsArray());
        (await scim.DeleteAsync($"/scim/v2/Groups/{groupId}")).Expect(HttpStatusCode.NoContent);
        await ExpectAuditedAsync(scim, "ScimCreateUser", "ScimReplaceUser", "ScimCreateGroup", "ScimPatchGroup", "ScimPatchUser");
    }

    private static async Task<MemberRole> RoleAsync(ScimHarness scim, string userId) =>
        (await scim.Admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{scim.TenantId}/members", SwitchyardJson.Options))!
        .Single(m => m.Id == Guid.Parse(userId)).Role;

    /// <summary>The sequence's changes are in the tenant's admin audit log, by the SCIM token, and the chain verifies.</summary>
    private static async Task ExpectAuditedAsync(ScimHarness scim, params string[] savedActions)
    {
        var token = Assert.Single((await scim.Admin.GetFromJsonAsync<ScimTokenDto[]>($"/api/tenants/{scim.TenantId}/scim/tokens", SwitchyardJson.Options))!);
        var actor = $"scim-token:{token.Id:D}";
        var entries = (await scim.Admin.GetFromJsonAsync<AuditAdminPage>(
            $"/api/tenants/{scim.TenantId}/audit?type=admin&limit=1000&actor={Uri.EscapeDataString(actor)}", SwitchyardJson.Options))!.Items;
        foreach (var action in savedActions)
        {
            Assert.Contains(entries, e => e.Action == action && e.Outcome == "saved");
        }

        Assert.True((await scim.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{scim.TenantId}/audit/verify", SwitchyardJson.Options))!.Valid);
        Assert.True((await scim.Admin.GetFromJsonAsync<AuditVerificationDto>("/api/platform/audit/verify", SwitchyardJson.Options))!.Valid);
    }
}
