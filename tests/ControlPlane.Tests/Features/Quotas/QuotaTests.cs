using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Quotas;

/// <summary>Each tenant quota refuses the write that would exceed it with 409 naming the quota, its limit and the field.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task CreateKey_KeysQuotaReached_Answers409UntilAKeyIsRevoked()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(Settings(("Quotas:Keys", "2")));
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);
        var first = await CreateKeyAsync(developer, tenant.Id, team.Id);
        await CreateKeyAsync(developer, tenant.Id, team.Id);

        var refused = await QuotaProblem.ReadAsync(await PostKeyAsync(developer, tenant.Id, team.Id));
        (await developer.PostAsync($"/api/tenants/{tenant.Id}/keys/{first.Key.Id}/revoke", null)).EnsureSuccessStatusCode();
        var afterRevoke = await PostKeyAsync(developer, tenant.Id, team.Id);

        Assert.Equal(("Quota exceeded", "keys", 2, (string?)null), (refused.Title, refused.Quota, refused.Limit, refused.Field));
        Assert.Contains("platform administrator", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task CreateKey_MoreAllowedModelsThanQuota_Answers409NamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var models = Enumerable.Range(0, 101).Select(i => $"model-{i}").ToArray();

        var refused = await QuotaProblem.ReadAsync(await PostKeyAsync(host.Admin, tenant.Id, team.Id, models));
        var atLimit = await PostKeyAsync(host.Admin, tenant.Id, team.Id, models[..100]);

        Assert.Equal(("allowedModelsPerKey", 100, "allowedModels"), (refused.Quota, refused.Limit, refused.Field));
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Equal(1, await host.WithDbAsync(db => Task.FromResult(db.VirtualKeys.Count())));
    }

    [Fact]
    public async Task CreateKey_AllowedModelLongerThanAPublicModel_Answers400NamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await PostKeyAsync(host.Admin, tenant.Id, team.Id, ["gpt-4o", new string('m', RouteRules.PublicModelMaxLength + 1)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("allowedModels", out _));
    }

    [Fact]
    public async Task Routes_RoutesAndDeploymentsPerRouteQuotas_Answer409()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(Settings(("Quotas:Routes", "1"), ("Quotas:DeploymentsPerRoute", "2")));
        var tenant = await host.CreateTenantAsync("Acme");
        var routes = $"/api/tenants/{tenant.Id}/routes";

        var tooManyDeployments = await QuotaProblem.ReadAsync(await host.Admin.PostAsJsonAsync(routes, Route("chat", 3), SwitchyardJson.Options));
        var created = await host.Admin.PostAsJsonAsync(routes, Route("chat", 2), SwitchyardJson.Options);
        var route = (await created.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
        var tooManyRoutes = await QuotaProblem.ReadAsync(await host.Admin.PostAsJsonAsync(routes, Route("embed", 1), SwitchyardJson.Options));
        var updateTooMany = await QuotaProblem.ReadAsync(await host.Admin.PutAsJsonAsync($"{routes}/{route.Id}", Route("chat", 3), SwitchyardJson.Options));

        Assert.Equal(("deploymentsPerRoute", 2, "deployments"), (tooManyDeployments.Quota, tooManyDeployments.Limit, tooManyDeployments.Field));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("routes", 1), (tooManyRoutes.Quota, tooManyRoutes.Limit));
        Assert.Equal(("deploymentsPerRoute", "deployments"), (updateTooMany.Quota, updateTooMany.Field));
    }

    [Fact]
    public async Task CreateTeamCredentialMember_QuotaReached_Answers409NamingTheQuota()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(Settings(("Quotas:Teams", "1"), ("Quotas:Credentials", "1"), ("Quotas:Members", "1")));
        var tenant = await host.CreateTenantAsync("Acme");
        var api = $"/api/tenants/{tenant.Id}";
        await host.CreateTeamAsync(tenant.Id, "first");
        (await host.Admin.PostAsJsonAsync($"{api}/credentials", new CreateCredentialRequest("one", ProviderKinds.OpenAI, "sk-secret-value-1"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        (await host.Admin.PostAsJsonAsync($"{api}/members", new CreateMemberRequest("one@acme.test", "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var team = await QuotaProblem.ReadAsync(await host.Admin.PostAsJsonAsync($"{api}/teams", new CreateTeamRequest("second"), SwitchyardJson.Options));
        var credential = await QuotaProblem.ReadAsync(await host.Admin.PostAsJsonAsync(
            $"{api}/credentials", new CreateCredentialRequest("two", ProviderKinds.OpenAI, "sk-secret-value-2"), SwitchyardJson.Options));
        var member = await QuotaProblem.ReadAsync(await host.Admin.PostAsJsonAsync(
            $"{api}/members", new CreateMemberRequest("two@acme.test", "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options));

        Assert.Equal(["teams", "credentials", "members"], new[] { team.Quota, credential.Quota, member.Quota });
        Assert.All(new[] { team, credential, member }, p => Assert.Equal(1, p.Limit));
    }

    [Fact]
    public async Task CreateKey_PlatformAdminRaisedTheTenantsQuota_NewLimitApplies()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(Settings(("Quotas:Keys", "1")));
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var otherTeam = await host.CreateTeamAsync(other.Id, "Search");
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/quotas", new TenantQuotaOverrides(Keys: 3), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        for (var i = 0; i < 3; i++)
        {
            await CreateKeyAsync(host.Admin, tenant.Id, team.Id);
        }

        var fourth = await QuotaProblem.ReadAsync(await PostKeyAsync(host.Admin, tenant.Id, team.Id));
        await CreateKeyAsync(host.Admin, other.Id, otherTeam.Id);
        var otherSecond = await QuotaProblem.ReadAsync(await PostKeyAsync(host.Admin, other.Id, otherTeam.Id));

        Assert.Equal(3, fourth.Limit);
        Assert.Equal(1, otherSecond.Limit);
    }

    [Fact]
    public async Task Start_QuotaSettingOutOfRange_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ControlPlaneTestHost.StartAsync(Settings(("Quotas:DeploymentsPerRoute", "33"))));

        Assert.Contains("Quotas:DeploymentsPerRoute", failure.Message, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    private static RouteRequest Route(string model, int deployments) =>
        new(model, Enumerable.Range(0, deployments).Select(i => new DeploymentRequest(ProviderKinds.Mock, $"mock-{i}")).ToList());

    private static Task<HttpResponseMessage> PostKeyAsync(HttpClient client, Guid tenantId, Guid teamId, IReadOnlyList<string>? models = null) =>
        client.PostAsJsonAsync($"/api/tenants/{tenantId}/keys", new CreateKeyRequest(teamId, "key", models), SwitchyardJson.Options);

    private static async Task<CreatedKeyDto> CreateKeyAsync(HttpClient client, Guid tenantId, Guid teamId)
    {
        var response = await PostKeyAsync(client, tenantId, teamId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
    }
}
