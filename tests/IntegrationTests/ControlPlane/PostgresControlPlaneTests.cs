using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>The control plane against real PostgreSQL and RabbitMQ.</summary>
public class PostgresControlPlaneTests
{
    [Fact]
    public async Task Start_FreshDatabase_AppliesEveryMigration()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();

        var (applied, pending, all) = await host.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
        Assert.False(await host.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
    }

    [Fact]
    public async Task KeyLifecycle_OnPostgres_CreatesListsRevokesAndBumpsRevision()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme"));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("search"));
        var before = await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options);

        var created = await host.PostAsync<CreatedKeyDto>(host.Admin, $"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "app", ["mock-gpt"]));
        var listed = await host.Admin.GetFromJsonAsync<List<KeyDto>>($"/api/tenants/{tenant.Id}/keys?teamId={team.Id}", SwitchyardJson.Options);
        var revoked = await host.PostAsync<KeyDto>(host.Admin, $"/api/tenants/{tenant.Id}/keys/{created.Key.Id}/revoke", new { });
        var after = await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options);

        Assert.StartsWith("sk-sy-", created.Secret);
        Assert.Equal(["mock-gpt"], Assert.Single(listed!).AllowedModels);
        Assert.Equal("Revoked", revoked.Status);
        Assert.True(after!.Revision >= before!.Revision + 2);
    }

    [Fact]
    public async Task ConcurrentKeyCreations_OnPostgres_AllSucceedWithOneRevisionEach()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("parallel"));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("automation"));
        var before = await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 48).Select(async i =>
        {
            using var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, $"k{i}"), SwitchyardJson.Options);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(before + 48, await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision)));
    }

    [Fact]
    public async Task TenantIsolation_OnPostgres_OtherTenantsKeysAnswer404()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var a = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("tenant-a"));
        var b = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("tenant-b"));
        var teamB = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{b.Id}/teams", new CreateTeamRequest("b-team"));
        var keyB = await host.PostAsync<CreatedKeyDto>(host.Admin, $"/api/tenants/{b.Id}/keys", new CreateKeyRequest(teamB.Id, "b-key"));
        using var developerA = await host.MemberAsync(a.Id, MemberRole.TenantAdmin);

        var list = await developerA.GetAsync($"/api/tenants/{b.Id}/keys");
        var get = await developerA.GetAsync($"/api/tenants/{b.Id}/keys/{keyB.Key.Id}");
        var getViaOwnTenant = await developerA.GetAsync($"/api/tenants/{a.Id}/keys/{keyB.Key.Id}");
        var revoke = await developerA.PostAsJsonAsync($"/api/tenants/{b.Id}/keys/{keyB.Key.Id}/revoke", new { });
        var revokeViaOwnTenant = await developerA.PostAsJsonAsync($"/api/tenants/{a.Id}/keys/{keyB.Key.Id}/revoke", new { });
        var ownList = await developerA.GetAsync($"/api/tenants/{a.Id}/keys");

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getViaOwnTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokeViaOwnTenant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownList.StatusCode);
        var stillActive = await host.Admin.GetFromJsonAsync<KeyDto>($"/api/tenants/{b.Id}/keys/{keyB.Key.Id}", SwitchyardJson.Options);
        Assert.Equal("Active", stillActive!.Status);
    }

    [Fact]
    public async Task Snapshot_OnPostgres_ServedToNodesWithValidHash()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("snap"));
        await host.PostAsync<RouteDto>(host.Admin, $"/api/tenants/{tenant.Id}/routes", new RouteRequest("mock-gpt", [new DeploymentRequest(ProviderKinds.Mock, "m")]));
        using var node = host.Client(PostgresControlPlaneHost.NodeSecret);
        await host.WaitUntilPublishedAsync();

        var snapshot = await node.GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options);

        Assert.Equal(ConfigSnapshotHash.Compute(snapshot!), snapshot!.Hash);
        Assert.Contains(snapshot.Routes, r => r.TenantId == tenant.Id && r.PublicModel == "mock-gpt");
    }

    [Fact]
    public async Task UsageBatch_DeliveredTwiceOverRabbitMq_StoredOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("usage"));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("t"));
        var key = await host.PostAsync<CreatedKeyDto>(host.Admin, $"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"));
        var now = DateTimeOffset.UtcNow;
        var records = Enumerable.Range(0, 5).Select(i => new UsageRecord(Guid.CreateVersion7(now.AddMilliseconds(i)), now, "it-node",
            tenant.Id, team.Id, key.Key.Id, "chat.completions", "mock-gpt", null, null, "mock", "m", true, 7, 3, 200, null, 5, 1)).ToList();
        var publish = host.App.Services.GetRequiredService<IPublishEndpoint>();

        await publish.Publish(new UsageBatchReported(Guid.NewGuid(), "it-node", records));
        await publish.Publish(new UsageBatchReported(Guid.NewGuid(), "it-node", records));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<UsageRecordDto>? usage = null;
        while (DateTime.UtcNow < deadline && (usage?.Count ?? 0) < records.Count)
        {
            await Task.Delay(200);
            usage = await host.Admin.GetFromJsonAsync<List<UsageRecordDto>>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options);
        }

        await Task.Delay(1000);
        usage = await host.Admin.GetFromJsonAsync<List<UsageRecordDto>>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options);
        Assert.Equal(records.Count, usage!.Count);
        var totals = Assert.Single(await host.Admin.GetFromJsonAsync<List<UsageKeyTotalsDto>>($"/api/tenants/{tenant.Id}/usage/by-key", SwitchyardJson.Options) ?? [], t => t.Requests > 0);
        Assert.Equal(35, totals.PromptTokens);
    }
}
