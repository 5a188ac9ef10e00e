using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Budgets;

/// <summary>The <c>budget</c> of keys, teams and tenants and the tenant's <c>timeZone</c> through the admin API, and into the snapshot.</summary>
public sealed class BudgetFieldTests
{
    [Fact]
    public async Task CreateKey_InvalidBudget_ValidationProblemNamesEachField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys",
            new CreateKeyRequest(team.Id, "ci", Budget: new Budget(-1m, "year", [0])), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("budget.amountUsd", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("budget.period", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("budget.alertAtPercent", out _), errors.ToString());
    }

    [Fact]
    public async Task UpdateTenant_UnknownTimeZone_ValidationProblemNamesIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(TimeZone: "Mars/Olympus"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"timeZone\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_BudgetsAndTimeZone_CarriedInSnapshotAndRemoved()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);

        var key = await PatchAsync<KeyDto>(host, $"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}", new UpdateKeyRequest(Budget: new BudgetUpdate(25m, "day", [90, 50])));
        await PatchAsync<TeamDto>(host, $"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest(Budget: new BudgetUpdate(500m, "week")));
        var updated = await PatchAsync<TenantDto>(host, $"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Budget: new BudgetUpdate(10_000m), TimeZone: "Europe/Berlin"));

        Assert.Equal([50, 90], key.Budget!.AlertAtPercent);
        Assert.Equal(("month", "Europe/Berlin"), (updated.Budget!.Period, updated.TimeZone));
        var snapshot = await SnapshotAsync(host);
        Assert.Equal(25m, Assert.Single(snapshot.Keys).Budget!.AmountUsd);
        Assert.Equal("week", Assert.Single(snapshot.Teams, t => t.Id == team.Id).Budget!.Period);
        Assert.Equal("Europe/Berlin", Assert.Single(snapshot.Tenants).TimeZone);

        var cleared = await PatchAsync<KeyDto>(host, $"/api/tenants/{tenant.Id}/keys/{created.Key.Id}", new UpdateKeyRequest(Budget: new BudgetUpdate(Remove: true)));
        Assert.Null(cleared.Budget);
        Assert.Null(Assert.Single((await SnapshotAsync(host)).Keys).Budget);
    }

    [Fact]
    public async Task KeyBudget_Developer_ForbiddenAtCreateAndPatch()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var created = await (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options);
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var create = await developer.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "mine", Budget: new Budget(1_000m)), SwitchyardJson.Options);
        var patch = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/keys/{created!.Key.Id}", new UpdateKeyRequest(Budget: new BudgetUpdate(Remove: true)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
    }

    private static async Task<T> PatchAsync<T>(ControlPlaneTestHost host, string path, object body)
    {
        var response = await host.Admin.PatchAsJsonAsync(path, body, SwitchyardJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
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
