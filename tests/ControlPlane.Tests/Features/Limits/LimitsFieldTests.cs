using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Limits;

/// <summary>The <c>limits</c> of keys, teams and tenants through the admin API, and into the nodes' snapshot.</summary>
public sealed class LimitsFieldTests
{
    [Fact]
    public async Task CreateKey_InvalidLimits_ValidationProblemNamesEachField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var limits = new RateLimits(RequestsPerMinute: 0, ModelLimits: new Dictionary<string, ModelRateLimits> { ["gpt-4o"] = new(MaxConcurrent: -1) });

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci", Limits: limits), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("limits.requestsPerMinute", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("limits.modelLimits.gpt-4o.maxConcurrent", out _), errors.ToString());
    }

    [Fact]
    public async Task Patch_LimitsOnKeyTeamAndTenant_CarriedInSnapshotAndRemovedByEmptyObject()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);
        var keyLimits = new RateLimits(MaxConcurrent: 2, ModelLimits: new Dictionary<string, ModelRateLimits> { [" gpt-4o "] = new(TokensPerMinute: 30_000) });

        var key = await PatchAsync<KeyDto>(host, $"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}", new UpdateKeyRequest(Limits: keyLimits));
        await PatchAsync<TeamDto>(host, $"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest(Limits: new RateLimits(RequestsPerMinute: 600)));
        await PatchAsync<TenantDto>(host, $"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Limits: new RateLimits(TokensPerMinute: 1_000_000)));

        Assert.Equal(30_000, key.Limits!.ModelLimits!["gpt-4o"].TokensPerMinute);
        var snapshot = await SnapshotAsync(host);
        Assert.Equal(2, Assert.Single(snapshot.Keys).Limits!.MaxConcurrent);
        Assert.Equal("Search", Assert.Single(snapshot.Teams, t => t.Limits?.RequestsPerMinute == 600).Name);
        Assert.Equal(1_000_000, Assert.Single(snapshot.Tenants).Limits!.TokensPerMinute);

        var cleared = await PatchAsync<KeyDto>(host, $"/api/tenants/{tenant.Id}/keys/{created.Key.Id}", new UpdateKeyRequest(Limits: new RateLimits()));
        Assert.Null(cleared.Limits);
        Assert.Null(Assert.Single((await SnapshotAsync(host)).Keys).Limits);
    }

    [Fact]
    public async Task UpdateKey_DeveloperChangesLimits_ForbiddenButMayRenameIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);

        var response = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}",
            new UpdateKeyRequest(Limits: new RateLimits(RequestsPerMinute: 1_000_000)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var renamed = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{created.Key.Id}", new UpdateKeyRequest(Name: "ci-2"), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
    }

    private static async Task<T> PatchAsync<T>(ControlPlaneTestHost host, string path, object body)
    {
        var response = await host.Admin.PatchAsJsonAsync(path, body, SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options))!;
    }

    private static async Task<ConfigSnapshot> SnapshotAsync(ControlPlaneTestHost host)
    {
        await using var scope = host.CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>()
            .BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        return JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
    }
}
