using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

/// <summary>
/// The tenant "Acme" whose developer is in team Search, joined Ads, made a personal key there and left Ads again; Ads also
/// has a service key; a finance member sees everything. What a developer's usage reads are scoped by.
/// </summary>
internal sealed record DeveloperScope(TenantDto Tenant, TeamDto Search, TeamDto Ads, HttpClient Developer, Guid PersonalKey, Guid AdsServiceKey, HttpClient Finance)
{
    public static async Task<DeveloperScope> CreateAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var ads = await host.CreateTeamAsync(tenant.Id, "Ads");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: search.Id);
        var developerId = (await developer.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!.Id;
        await host.JoinTeamAsync(tenant.Id, ads.Id, developerId);
        var personal = await CreateKeyAsync(developer, tenant.Id, new CreateKeyRequest(ads.Id, "mine", Personal: true));
        var adsService = await CreateKeyAsync(host.Admin, tenant.Id, new CreateKeyRequest(ads.Id, "ads service"));
        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{ads.Id}/members/{developerId}")).StatusCode);
        var finance = await host.MemberClientAsync(tenant.Id, "fin@acme.test", MemberRole.Finance);
        return new DeveloperScope(tenant, search, ads, developer, personal, adsService, finance);
    }

    public static async Task<Guid> CreateKeyAsync(HttpClient client, Guid tenantId, CreateKeyRequest request)
    {
        var response = await client.PostAsJsonAsync($"/api/tenants/{tenantId}/keys", request, SwitchyardJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key.Id;
    }
}
