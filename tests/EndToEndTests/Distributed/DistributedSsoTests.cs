using System.Net;
using System.Net.Http.Json;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.EndToEndTests.Sso;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>
/// Single sign-on in distributed mode: the real oidc-provider on 127.0.0.1 against the control plane as its own process on
/// PostgreSQL, reached under the platform's egress allow-list, with the one-time code stored in the database.
/// </summary>
public class DistributedSsoTests
{
    [Fact]
    public async Task SignIn_RealProviderAgainstControlPlaneOnPostgres_CodeTradedOnceForMemberInMappedTeam()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        // The provider listens on loopback, which the egress policy refuses unless allowed: here by the platform's list.
        await topology.Admin.PutAsync<EgressPolicyDto>("/api/platform/egress", new EgressPolicyRequest([], ["127.0.0.1/32"]));
        await using var sso = await SsoTenant.CreateAsync(topology.Admin, topology.ControlPlaneUrl);
        using var agent = new OidcUserAgent();
        var controlPlane = new Uri(topology.ControlPlaneUrl);

        var landed = await agent.SignInAsync(
            new Uri(controlPlane, $"/api/auth/sso/{sso.TenantId}/login?returnUrl=%2F"), controlPlane, "alice", sso.Provider.Issuer);
        var code = Query(landed, "sso_code");
        using var http = new HttpClient { BaseAddress = controlPlane };
        using var exchanged = await http.PostAsJsonAsync("/api/auth/sso/exchange", new SsoExchangeRequest(code ?? ""), SwitchyardJson.Options);
        using var again = await http.PostAsJsonAsync("/api/auth/sso/exchange", new SsoExchangeRequest(code ?? ""), SwitchyardJson.Options);

        Assert.True(code is not null, $"no one-time code in {landed}");
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var login = (await exchanged.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!;
        Assert.Equal((sso.Alice, sso.TenantId, SsoTenant.MappedRole), (login.User.Email, login.User.TenantId, login.User.Role));
        var teamMembers = await topology.Admin.GetAsync<List<TeamMemberDto>>($"/api/tenants/{sso.TenantId}/teams/{sso.Scenario.Team.Id}/members");
        Assert.Equal(TeamRole.TeamAdmin, Assert.Single(teamMembers, m => m.MemberId == login.User.Id).Role);
    }

    private static string? Query(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1]))
            .FirstOrDefault();
}
