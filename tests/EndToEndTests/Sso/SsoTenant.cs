using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Sso;

/// <summary>
/// A fresh tenant with a team, a real <see cref="OidcProvider"/> whose users carry a <c>groups</c> claim, and the tenant's
/// single sign-on pointed at it: group <see cref="Group"/> maps to <see cref="MappedRole"/> and the team as team admin.
/// </summary>
public sealed class SsoTenant : IAsyncDisposable
{
    public const string Group = "switchyard-developers";
    public const MemberRole MappedRole = MemberRole.Developer;
    public const MemberRole DefaultRole = MemberRole.Auditor;

    private SsoTenant(TenantScenario scenario, OidcProvider provider, string domain)
    {
        Scenario = scenario;
        Provider = provider;
        Domain = domain;
    }

    public TenantScenario Scenario { get; }
    public OidcProvider Provider { get; }
    public string Domain { get; }
    public Guid TenantId => Scenario.Tenant.Id;

    /// <summary>A member of <see cref="Group"/> at the allowed domain.</summary>
    public string Alice => "alice@" + Domain;

    /// <summary>A person whose email is outside the allowed domains.</summary>
    public const string Outsider = "mallory@elsewhere.test";

    public static async Task<SsoTenant> CreateAsync(AdminApi admin, string portalUrl, bool ssoOnly = false)
    {
        var scenario = await TenantScenario.CreateAsync(admin);
        var domain = $"sso-{Guid.NewGuid():N}"[..16] + ".test";
        var users = new Dictionary<string, Dictionary<string, object>>
        {
            ["alice"] = new() { ["email"] = "alice@" + domain, ["email_verified"] = true, ["groups"] = new[] { Group, "everyone" } },
            ["mallory"] = new() { ["email"] = Outsider, ["email_verified"] = true, ["groups"] = new[] { Group } },
        };
        var provider = await OidcProvider.StartAsync([$"{portalUrl}/api/auth/sso/{scenario.Tenant.Id}/callback"], users);
        var sso = new SsoTenant(scenario, provider, domain);
        await sso.ConfigureAsync(admin, MappedRole, ssoOnly);
        return sso;
    }

    public Task<SsoConfigDto> ConfigureAsync(AdminApi admin, MemberRole mappedRole, bool ssoOnly = false) =>
        admin.PutAsync<SsoConfigDto>($"/api/tenants/{TenantId}/sso", new SsoConfigRequest(
            Provider.Issuer, OidcProvider.ClientId, Provider.ClientSecret, [Domain], ["openid", "profile", "email", "groups"], "groups",
            DefaultRole, [new SsoMappingDto(Group, mappedRole, Scenario.Team.Id, TeamRole.TeamAdmin)], ssoOnly));

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
