using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>What every SCIM endpoint shares: its changes are in the tenant's admin audit log, by the SCIM token.</summary>
public sealed class ScimEndpointsTests
{
    [Fact]
    public async Task ScimChanges_CreateAndDeactivate_TwoEntriesByTheTokenAndTheChainsVerify()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var token = Assert.Single((await host.Admin.GetFromJsonAsync<ScimTokenDto[]>($"/api/tenants/{scim.TenantId}/scim/tokens", SwitchyardJson.Options))!);
        var actor = $"scim-token:{token.Id:D}";

        var id = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"ada@contoso.test","displayName":"Ada"}""")).Id;
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """{"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""))
            .Expect(HttpStatusCode.OK);
        (await scim.GetAsync($"/scim/v2/Users/{id}")).Expect(HttpStatusCode.OK);

        var entries = (await host.Admin.GetFromJsonAsync<AuditAdminPage>(
            $"/api/tenants/{scim.TenantId}/audit?type=admin&actor={Uri.EscapeDataString(actor)}", SwitchyardJson.Options))!.Items.OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["ScimCreateUser", "ScimPatchUser"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("saved", id), (e.Outcome, e.ObjectId)));
        Assert.Contains("\"displayName\":\"Ada\"", entries[0].Changes!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"deactivatedAt\"", entries[1].Changes!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Changes!.Value.GetRawText().Contains(scim.Scim.DefaultRequestHeaders.Authorization!.Parameter!, StringComparison.Ordinal));
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{scim.TenantId}/audit/verify", SwitchyardJson.Options))!.Valid);
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>("/api/platform/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task ScimChanges_Refused_RecordedAsRefusedByTheToken()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"root@contoso.test","roles":[{"value":"PlatformAdmin"}]}"""))
            .ExpectError(HttpStatusCode.BadRequest, "invalidValue");

        var entry = Assert.Single((await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{scim.TenantId}/audit?type=admin&action=ScimCreateUser", SwitchyardJson.Options))!.Items);
        Assert.StartsWith("scim-token:", entry.Actor, StringComparison.Ordinal);
        Assert.Equal((400, "refused"), (entry.StatusCode, entry.Outcome));
    }

    [Fact]
    public async Task ScimChanges_CreatesPatchAndDelete_EntriesRecordTheStatusesAnswered()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        var user = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"ada@contoso.test"}""");
        var group = await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", $$"""{"displayName":"Search","members":[{"value":"{{user.Id}}"}]}""");
        var patch = await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{group.Id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Ranking"}]}""");
        var delete = await scim.DeleteAsync($"/scim/v2/Users/{user.Id}");

        var entries = (await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{scim.TenantId}/audit?type=admin", SwitchyardJson.Options))!
            .Items.Where(e => e.Action.StartsWith("Scim", StringComparison.Ordinal)).OrderBy(e => e.Sequence).ToList();
        Assert.Equal(HttpStatusCode.Created, user.Status);
        Assert.Equal(
            [("ScimCreateUser", (int)user.Status), ("ScimCreateGroup", (int)group.Status), ("ScimPatchGroup", (int)patch.Status), ("ScimDeleteUser", (int)delete.Status)],
            entries.Select(e => (e.Action, e.StatusCode)));
        Assert.All(entries, e => Assert.Equal("saved", e.Outcome));
    }
}
