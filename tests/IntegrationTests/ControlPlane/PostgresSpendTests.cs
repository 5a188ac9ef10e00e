using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Prices, tenant overrides and spend totals on real PostgreSQL (numeric prices, timestamptz ranges, SQL sums).</summary>
public class PostgresSpendTests
{
    private static readonly DateTimeOffset Day = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Spend_OnPostgres_SumsTheRangeByTeamModelAndTag()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("search"));
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node",
            [
                Record(tenant.Id, team.Id, "gpt-4o", Day.AddHours(1), 2_000, ["app:search"]),
                Record(tenant.Id, team.Id, "gpt-4o", Day.AddHours(23).AddMinutes(59), 3_000, ["app:search", "cost-center:4711"]),
                Record(tenant.Id, team.Id, "claude", Day.AddDays(1), 99_999, null),
            ]), CancellationToken.None);
        }

        var range = $"from={Day:yyyy-MM-ddTHH:mm:ssZ}&to={Day.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}";
        var byTeam = await host.Admin.GetFromJsonAsync<SpendDto>($"/api/tenants/{tenant.Id}/spend?{range}&groupBy=team", SwitchyardJson.Options);
        var byTag = await host.Admin.GetFromJsonAsync<SpendDto>($"/api/tenants/{tenant.Id}/spend?{range}&groupBy=tag", SwitchyardJson.Options);

        Assert.Equal([(team.Id.ToString(), "search", 5_000L, 2L, 40L)], byTeam!.Groups.Select(g => (g.Key, g.Label, g.CostMicros, g.Requests, g.CachedInputTokens)));
        Assert.Equal([("app:search", 5_000L), ("cost-center:4711", 3_000L)], byTag!.Groups.Select(g => (g.Key, g.CostMicros)));
        Assert.Equal(5_000, byTag.Total.CostMicros);
    }

    [Fact]
    public async Task Spend_OnPostgresAsDeveloper_OnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var (tenant, search, ads, developer, personal) = await PostgresDeveloperScope.CreateAsync(host);
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node",
            [
                Record(tenant.Id, search.Id, "gpt-4o", Day.AddHours(1), 1_000, null),
                Record(tenant.Id, ads.Id, "gpt-4o", Day.AddHours(2), 200, null) with { KeyId = personal },
                Record(tenant.Id, ads.Id, "gpt-4o", Day.AddHours(3), 5_000, null),
            ]), CancellationToken.None);
        }

        var range = $"from={Day:yyyy-MM-ddTHH:mm:ssZ}&to={Day.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}";
        var byTeam = await developer.GetFromJsonAsync<SpendDto>($"/api/tenants/{tenant.Id}/spend?{range}&groupBy=team", SwitchyardJson.Options);
        var all = await host.Admin.GetFromJsonAsync<SpendDto>($"/api/tenants/{tenant.Id}/spend?{range}&groupBy=team", SwitchyardJson.Options);

        Assert.Equal([("search", 1_000L), ("ads", 200L)], byTeam!.Groups.Select(g => (g.Label!, g.CostMicros)));
        Assert.Equal((1_200L, 6_200L), (byTeam.Total.CostMicros, all!.Total.CostMicros));
    }

    [Fact]
    public async Task Prices_OnPostgres_AdminVersionAndTenantDiscountReachTheSnapshot()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var model = "it-model-" + Guid.NewGuid().ToString("N")[..8];
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("m", [new DeploymentRequest(ProviderKinds.Groq, model, "https://api.example.test/openai/v1")]), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var price = await host.PostAsync<ModelPriceDto>(host.Admin, "/api/platform/prices",
            new CreateModelPriceRequest(ProviderKinds.Groq, model, 0.123456m, 0.5m, CachedInputPerMTok: 0.01m));
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/pricing", new UpdateTenantPricingRequest(25, null), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        await using var scope = host.App.Services.CreateAsyncScope();
        var built = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>()
            .BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
        var resolved = snapshot.Routes.Single(r => r.TenantId == tenant.Id).Deployments.Single().Price!;

        Assert.StartsWith(price.Version + ";tenant:", resolved.Version, StringComparison.Ordinal);
        Assert.Equal((0.092592m, 0.375m, 0.0075m), (resolved.InputPerMTok, resolved.OutputPerMTok, resolved.CachedInputPerMTok));
    }

    private static UsageRecord Record(Guid tenant, Guid team, string model, DateTimeOffset at, long cost, IReadOnlyList<string>? tags) =>
        new(Guid.CreateVersion7(at), at, "it-node", tenant, team, Guid.CreateVersion7(), "chat.completions", model, null, null, "openai", model, false,
            100, 10, 200, null, 5, null, CachedInputTokens: 20, CostMicros: cost, PriceVersion: "v", Tags: tags);
}
