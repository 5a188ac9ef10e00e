using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Tests.Features.Teams;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Tests.Features.ApiKeys;

public sealed class RotateKeyTests
{
    [Fact]
    public async Task RotateKey_DefaultGrace_NewSecretOnceAndBothSecretsInDetailUntilGraceEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, team.Id);
        var url = $"/api/tenants/{tenant.Id}/keys/{key.Id}";

        var rotate = await host.Admin.PostAsync($"{url}/rotate", null);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var rotated = (await rotate.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        Assert.Equal(VirtualKeyHash.DisplayPrefix(rotated.Secret), rotated.Key.Prefix);
        Assert.NotEqual(key.Prefix, rotated.Key.Prefix);
        Assert.Equal(key.Prefix, rotated.Key.PreviousPrefix);
        Assert.Equal(time.GetUtcNow().AddHours(24), rotated.Key.PreviousExpiresAt);
        var stored = await host.WithDbAsync(db => db.VirtualKeys.FindAsync(key.Id).AsTask());
        Assert.Equal(VirtualKeyHash.Compute(rotated.Secret), stored!.Hash);
        Assert.DoesNotContain(rotated.Secret, await host.Admin.GetStringAsync(url));

        time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(key.Prefix, (await host.Admin.GetFromJsonAsync<KeyDto>(url, SwitchyardJson.Options))!.PreviousPrefix);
        time.Advance(TimeSpan.FromHours(1));
        var after = (await host.Admin.GetFromJsonAsync<KeyDto>(url, SwitchyardJson.Options))!;
        Assert.Null(after.PreviousPrefix);
        Assert.Null(after.PreviousExpiresAt);
        Assert.Equal("Active", after.Status);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(30 * 24 * 60 * 60 + 1)]
    public async Task RotateKey_GraceOutOfRange_ValidationProblemNamesGraceSeconds(int grace)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, team.Id);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{key.Id}/rotate", new RotateKeyRequest(grace), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("graceSeconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_RevokedKey_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, team.Id);
        (await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Id}/revoke", null)).EnsureSuccessStatusCode();

        var response = await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Id}/rotate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task RotateKey_Published_SnapshotCarriesBothHashesWithGraceExpiry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, team.Id);
        var oldHash = (await host.WithDbAsync(db => db.VirtualKeys.FindAsync(key.Id).AsTask()))!.Hash;

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{key.Id}/rotate", new RotateKeyRequest(600), SwitchyardJson.Options);
        var rotated = (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;

        var node = (await host.PublishedSnapshotAsync()).Keys.Single(k => k.Id == key.Id);
        Assert.Equal(VirtualKeyHash.Compute(rotated.Secret), node.Hash);
        Assert.Equal(oldHash, node.PreviousHash);
        Assert.Equal(rotated.Key.PreviousExpiresAt, node.PreviousExpiresAt);
    }

    [Fact]
    public async Task ListKeys_ExpiringWithinDays_ListsKeysAndGraceEndingSoonestFirst()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var keys = $"/api/tenants/{tenant.Id}/keys";
        async Task<KeyDto> Create(string name, DateTimeOffset? expires)
        {
            var r = await host.Admin.PostAsJsonAsync(keys, new CreateKeyRequest(team.Id, name, ExpiresAt: expires), SwitchyardJson.Options);
            return (await r.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key;
        }

        var soon = await Create("soon", time.GetUtcNow().AddDays(5));
        await Create("later", time.GetUtcNow().AddDays(60));
        await Create("never", null);
        var rotated = await Create("rotated", null);
        (await host.Admin.PostAsJsonAsync($"{keys}/{rotated.Id}/rotate", new RotateKeyRequest(3600), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var expiring = await host.Admin.GetFromJsonAsync<KeyDto[]>($"{keys}?expiringWithinDays=7", SwitchyardJson.Options);
        var invalid = await host.Admin.GetAsync($"{keys}?expiringWithinDays=0");

        Assert.Equal([rotated.Id, soon.Id], expiring!.Select(k => k.Id));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
