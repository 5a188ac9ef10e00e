using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Tests.Features.Pricing;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.ApiKeys;

/// <summary>Key tags, metadata and the request-tags flag through create, PATCH and the snapshot.</summary>
public sealed class KeyAttributionTests
{
    [Fact]
    public async Task CreateThenPatch_TagsAndFlag_ShownAndCarriedInTheSnapshot()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys",
                new CreateKeyRequest(team.Id, "k", Tags: ["cost-center:4711", " app:search "], Metadata: new Dictionary<string, string> { ["owner"] = "ana" }),
                SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);
        var before = (await PricingEndpointsTests.SnapshotAsync(host)).Keys.Single();
        var patch = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}",
            new UpdateKeyRequest(Tags: ["app:ads"], AllowRequestTags: true), SwitchyardJson.Options);
        var patched = await patch.Content.ReadFromJsonAsync<KeyDto>(SwitchyardJson.Options);
        var after = (await PricingEndpointsTests.SnapshotAsync(host)).Keys.Single();

        Assert.Equal(["cost-center:4711", "app:search"], created.Key.Tags!);
        Assert.Equal("ana", created.Key.Metadata!["owner"]);
        Assert.Equal(["cost-center:4711", "app:search"], before.Tags!);
        Assert.False(before.AllowRequestTags);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(["app:ads"], patched!.Tags!);
        Assert.Equal((true, "k", "ana"), (patched.AllowRequestTags, patched.Name, patched.Metadata!["owner"]));
        Assert.Equal(["app:ads"], after.Tags!);
        Assert.True(after.AllowRequestTags);
    }

    [Fact]
    public async Task Create_InvalidTagsAndMetadata_ValidationProblemNamesThem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys",
            new CreateKeyRequest(team.Id, "k", Tags: ["ok", "Cost Center"], Metadata: new Dictionary<string, string> { ["note"] = new string('x', 300) }),
            SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"tags[1]\"", body, StringComparison.Ordinal);
        Assert.Contains("\"metadata.note\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_TooManyTags_ValidationProblem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}",
            new UpdateKeyRequest(Tags: Enumerable.Range(0, 11).Select(i => $"t{i}").ToArray()), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"tags\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
