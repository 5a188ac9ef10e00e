using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// A fresh tenant whose developer is in team "search", joined "ads", made a personal key there and left "ads" again: what
/// a developer's usage reads are scoped by (the PostgreSQL twin of the control-plane tests' DeveloperScope).
/// </summary>
internal sealed record PostgresDeveloperScope(TenantDto Tenant, TeamDto Search, TeamDto Ads, HttpClient Developer, Guid PersonalKey)
{
    public static async Task<PostgresDeveloperScope> CreateAsync(PostgresControlPlaneHost host)
    {
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var search = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("search"));
        var ads = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("ads"));
        var developer = await host.MemberAsync(tenant.Id, MemberRole.Developer, search.Id);
        var developerId = (await developer.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!.Id;
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{ads.Id}/members/{developerId}", new SetTeamMemberRequest(), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var personal = (await host.PostAsync<CreatedKeyDto>(developer, $"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(ads.Id, "mine", Personal: true))).Key.Id;
        (await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{ads.Id}/members/{developerId}")).EnsureSuccessStatusCode();
        return new PostgresDeveloperScope(tenant, search, ads, developer, personal);
    }
}
