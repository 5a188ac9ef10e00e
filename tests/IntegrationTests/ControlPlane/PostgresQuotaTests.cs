using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Tenant quotas and the admin API body limit against real PostgreSQL and Kestrel.</summary>
public class PostgresQuotaTests
{
    [Fact]
    public async Task Quotas_OnPostgres_PlatformOverrideEnforcedAndTenantCannotRaiseIt()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("quota"));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("automation"));
        var quotasPath = $"/api/tenants/{tenant.Id}/quotas";
        using var set = await host.Admin.PutAsJsonAsync(quotasPath, new TenantQuotaOverrides(Keys: 3, AllowedModelsPerKey: 2), SwitchyardJson.Options);
        using var developer = await host.MemberAsync(tenant.Id, MemberRole.Developer, team.Id);
        using var tenantAdmin = await host.MemberAsync(tenant.Id, MemberRole.TenantAdmin);
        var keysPath = $"/api/tenants/{tenant.Id}/keys";

        var keys = new List<CreatedKeyDto>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add(await host.PostAsync<CreatedKeyDto>(developer, keysPath, new CreateKeyRequest(team.Id, $"k{i}", ["a", "b"])));
        }

        using var fourth = await developer.PostAsJsonAsync(keysPath, new CreateKeyRequest(team.Id, "k3"), SwitchyardJson.Options);
        var fourthProblem = await ProblemAsync(fourth);
        await host.PostAsync<KeyDto>(developer, $"{keysPath}/{keys[0].Key.Id}/revoke", new { });
        using var tooManyModels = await developer.PostAsJsonAsync(keysPath, new CreateKeyRequest(team.Id, "k4", ["a", "b", "c"]), SwitchyardJson.Options);
        var modelsProblem = await ProblemAsync(tooManyModels);
        using var afterRevoke = await developer.PostAsJsonAsync(keysPath, new CreateKeyRequest(team.Id, "k5"), SwitchyardJson.Options);
        using var raiseOwn = await tenantAdmin.PutAsJsonAsync(quotasPath, new TenantQuotaOverrides(Keys: 1000), SwitchyardJson.Options);
        var quotas = await tenantAdmin.GetFromJsonAsync<TenantQuotasDto>(quotasPath, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "keys", 3), (fourth.StatusCode, fourthProblem.GetProperty("quota").GetString(), fourthProblem.GetProperty("limit").GetInt32()));
        Assert.Equal((HttpStatusCode.Conflict, "allowedModels"), (tooManyModels.StatusCode, modelsProblem.GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.Created, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, raiseOwn.StatusCode);
        Assert.Equal((3, 3, 2), (quotas!.Limits.Keys, quotas.Used.Keys, quotas.Used.Members));
    }

    [Fact]
    public async Task BodyLimit_OnKestrel_LargeDeclaredOrChunkedBodiesAnswer413AndSmallOnesPass()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("limits"));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("t"));
        var keysPath = $"/api/tenants/{tenant.Id}/keys";
        var huge = new CreateKeyRequest(team.Id, "huge", Enumerable.Range(0, 25_000).Select(i => $"model-{i:D6}-{new string('x', 190)}").ToArray());
        using var declared = new StringContent(JsonSerializer.Serialize(huge, SwitchyardJson.Options), Encoding.UTF8, "application/json");

        using var withLength = await host.Admin.PostAsync(keysPath, declared);
        using var chunked = await host.Admin.PostAsJsonAsync(keysPath, huge, SwitchyardJson.Options);
        using var small = await host.Admin.PostAsJsonAsync(keysPath, new CreateKeyRequest(team.Id, "small", ["mock-gpt"]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Contains("AdminApi:MaxRequestBodyBytes", (await ProblemAsync(withLength)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
