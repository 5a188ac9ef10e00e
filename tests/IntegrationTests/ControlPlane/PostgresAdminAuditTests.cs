using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Admin audit entries on PostgreSQL: calls refused before the audit filter (unreadable body, body over the limit, cookie
/// without the anti-forgery header) are recorded before their answer, or answer 503 when they cannot be; updates and
/// deletes commit their entry in the same transaction as the change, so when the entry cannot be written the change is
/// not made either.
/// </summary>
public sealed class PostgresAdminAuditTests
{
    private const string Password = "integration-password-1";
    private static readonly Dictionary<string, string?> SmallBodies = new() { ["AdminApi:MaxRequestBodyBytes"] = "1024" };

    [Fact]
    public async Task RefusedBeforeTheFilter_EachCallRecordedBeforeItsAnswer()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(SmallBodies);
        var tenantId = await TenantAsync(host);
        var cookie = await MemberCookieAsync(host, tenantId);

        var unreadable = await host.Admin.PatchAsync($"/api/tenants/{tenantId}", new StringContent("{\"name\": \"secret-body", Encoding.UTF8, "application/json"));
        var unreadableEntry = (await EntriesAsync(host, tenantId))[^1];
        var oversized = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/policies", new PolicyRequest(new string('x', 4096)), SwitchyardJson.Options);
        var oversizedEntry = (await EntriesAsync(host, tenantId))[^1];
        using var forged = new HttpRequestMessage(HttpMethod.Patch, $"/api/tenants/{tenantId}")
        {
            Content = JsonContent.Create(new UpdateTenantRequest(Name: "forged"), options: SwitchyardJson.Options),
        };
        forged.Headers.Add("Cookie", cookie);
        using var anonymous = host.Client();
        var forgedResponse = await anonymous.SendAsync(forged);
        var forgedEntry = (await EntriesAsync(host, tenantId))[^1];

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Forbidden],
            [unreadable.StatusCode, oversized.StatusCode, forgedResponse.StatusCode]);
        Assert.Equal(("UpdateTenant", 400, AdminAuditOutcomes.Refused), (unreadableEntry.Action, unreadableEntry.StatusCode, unreadableEntry.Outcome));
        Assert.Equal(("CreatePolicy", 413, AdminAuditOutcomes.Refused), (oversizedEntry.Action, oversizedEntry.StatusCode, oversizedEntry.Outcome));
        Assert.Equal(("UpdateTenant", 403, AdminAuditOutcomes.Denied), (forgedEntry.Action, forgedEntry.StatusCode, forgedEntry.Outcome));
        Assert.StartsWith("admin-key:", unreadableEntry.Actor, StringComparison.Ordinal);
        Assert.StartsWith("member:", forgedEntry.Actor, StringComparison.Ordinal);
        Assert.All([unreadableEntry, oversizedEntry, forgedEntry], e => Assert.Null(e.Changes));
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenantId}/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task RefusedBeforeTheFilter_AuditEntryCannotBeWritten_Answers503()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(SmallBodies);
        var tenantId = await TenantAsync(host);
        var before = (await EntriesAsync(host, tenantId)).Count;
        var statuses = new List<(HttpStatusCode Status, string? Type)>();

        await RenameAsync(host, "AuditAdminEntries", "AuditAdminEntriesAway");
        try
        {
            foreach (var response in new[]
            {
                await host.Admin.PatchAsync($"/api/tenants/{tenantId}", new StringContent("{not json", Encoding.UTF8, "application/json")),
                await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/policies", new PolicyRequest(new string('x', 4096)), SwitchyardJson.Options),
            })
            {
                statuses.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            }
        }
        finally
        {
            await RenameAsync(host, "AuditAdminEntriesAway", "AuditAdminEntries");
        }

        Assert.All(statuses, s => Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), s));
        Assert.Equal(before, (await EntriesAsync(host, tenantId)).Count);
    }

    [Fact]
    public async Task UpdateAndDelete_EachEntryCommittedWithItsChange()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenantId}/teams", new CreateTeamRequest("search"));

        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}/teams/{team.Id}", new UpdateTeamRequest(Name: "search-eu"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        (await host.Admin.DeleteAsync($"/api/tenants/{tenantId}/teams/{team.Id}")).EnsureSuccessStatusCode();

        var entries = await EntriesAsync(host, tenantId);
        var update = Assert.Single(entries, e => e.Action == "UpdateTeam");
        var delete = Assert.Single(entries, e => e.Action == "DeleteTeam");
        Assert.Equal((AdminAuditOutcomes.Saved, AdminAuditOutcomes.Saved), (update.Outcome, delete.Outcome));
        var renamed = TeamChange(update);
        Assert.Equal(("Modified", "search", "search-eu"), (renamed.GetProperty("state").GetString(), Name(renamed, "before"), Name(renamed, "after")));
        var deleted = TeamChange(delete);
        Assert.Equal(("Deleted", "search-eu", false), (deleted.GetProperty("state").GetString(), Name(deleted, "before"), deleted.TryGetProperty("after", out _)));
        Assert.Equal(team.Id.ToString(), renamed.GetProperty("id").GetString(), ignoreCase: true);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenantId}/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task UpdateAndDelete_AuditEntryCannotBeWritten_NeitherChangeMade()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenantId}/teams", new CreateTeamRequest("search"));
        HttpResponseMessage update, delete;

        await RenameAsync(host, "AuditAdminEntries", "AuditAdminEntriesAway");
        try
        {
            update = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}/teams/{team.Id}", new UpdateTeamRequest(Name: "search-eu"), SwitchyardJson.Options);
            delete = await host.Admin.DeleteAsync($"/api/tenants/{tenantId}/teams/{team.Id}");
        }
        finally
        {
            await RenameAsync(host, "AuditAdminEntriesAway", "AuditAdminEntries");
        }

        Assert.False(update.IsSuccessStatusCode);
        Assert.False(delete.IsSuccessStatusCode);
        var teams = await host.Admin.GetFromJsonAsync<List<TeamDto>>($"/api/tenants/{tenantId}/teams", SwitchyardJson.Options);
        Assert.Equal("search", Assert.Single(teams!, t => t.Id == team.Id).Name);
    }

    private static JsonElement TeamChange(AuditAdminEntryDto entry) =>
        Assert.Single(entry.Changes!.Value.EnumerateArray(), c => c.GetProperty("type").GetString() == "Team");

    private static string? Name(JsonElement change, string side) => change.GetProperty(side).GetProperty("name").GetString();

    private static async Task<Guid> TenantAsync(PostgresControlPlaneHost host) =>
        (await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("admin-audit-" + Guid.NewGuid().ToString("N")[..8]))).Id;

    /// <summary>The tenant's admin entries, oldest first.</summary>
    private static async Task<List<AuditAdminEntryDto>> EntriesAsync(PostgresControlPlaneHost host, Guid tenantId) =>
        [.. (await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{tenantId}/audit?type=admin&limit=1000", SwitchyardJson.Options))!.Items.Reverse()];

    private static async Task<string> MemberCookieAsync(PostgresControlPlaneHost host, Guid tenantId)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";
        await host.PostAsync<MemberDto>(host.Admin, $"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, Password, MemberRole.TenantAdmin));
        using var anonymous = host.Client();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(email, Password), SwitchyardJson.Options);
        login.EnsureSuccessStatusCode();
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Switchyard.Identity=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static Task<int> RenameAsync(PostgresControlPlaneHost host, string from, string to)
    {
        var sql = "ALTER TABLE \"" + from + "\" RENAME TO \"" + to + "\"";
        return host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }
}
