using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class ConfigRevisionTests
{
    [Fact]
    public async Task Start_EmptyDatabase_CreatesRevisionOne()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var revision = await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options);

        Assert.Equal(1, revision!.Revision);
        Assert.Equal(64, revision.Hash.Length);
    }

    [Fact]
    public async Task Mutations_KeyCreateRevokeAndRouteChange_EachBumpRevisionByOne()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var before = await LatestAsync(host);

        var key = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        var afterCreate = await LatestAsync(host);
        await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null);
        var afterRevoke = await LatestAsync(host);
        await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null);
        var afterSecondRevoke = await LatestAsync(host);

        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", new RouteRequest("m", [new DeploymentRequest(ProviderKinds.Mock, "m")]), SwitchyardJson.Options);
        var route = (await created.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
        var afterRoute = await LatestAsync(host);
        var updated = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}", new RouteRequest("m", [new DeploymentRequest(ProviderKinds.Mock, "m2", Weight: 2)]), SwitchyardJson.Options);
        Assert.Equal("m2", Assert.Single((await updated.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!.Deployments).UpstreamModel);
        var afterUpdate = await LatestAsync(host);
        await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}");
        var afterDelete = await LatestAsync(host);

        Assert.Equal([before + 1, before + 2, before + 2, before + 3, before + 4, before + 5],
            [afterCreate, afterRevoke, afterSecondRevoke, afterRoute, afterUpdate, afterDelete]);
    }

    [Fact]
    public async Task Mutation_AfterCommit_ApiServesNewRevisionWithNewHash()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var first = await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options);

        await host.CreateTenantAsync("Acme");
        var second = await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options);

        Assert.Equal(first!.Revision + 1, second!.Revision);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public async Task CreateMember_NotInSnapshot_DoesNotBumpRevision()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var before = await LatestAsync(host);

        await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("a@acme.test", "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(before, await LatestAsync(host));
    }

    private static Task<long> LatestAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
}
