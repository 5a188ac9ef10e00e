using System.Net;
using System.Net.Http.Json;
using System.Text;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

/// <summary>Admin calls refused before the endpoint filter runs are in the admin audit log too (never their bodies).</summary>
public sealed class AdminAuditAttemptMiddlewareTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Patch_BodyNotJson_RecordedAsRefused()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new StringContent("{\"name\": \"secret-body", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var entry = Assert.Single(await AdminEntriesAsync(host, tenant.Id));
        Assert.Equal(("UpdateTenant", 400, "refused"), (entry.Action, entry.StatusCode, entry.Outcome));
        Assert.StartsWith("admin-key:", entry.Actor, StringComparison.Ordinal);
        Assert.Null(entry.Changes);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_RecordedAs413()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["AdminApi:MaxRequestBodyBytes"] = "1024" });
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/policies", new PolicyRequest(new string('x', 4096)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var entry = Assert.Single(await AdminEntriesAsync(host, tenant.Id));
        Assert.Equal(("CreatePolicy", 413, "refused"), (entry.Action, entry.StatusCode, entry.Outcome));
        Assert.DoesNotContain("xxxx", entry.Changes?.GetRawText() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CookieWithoutAntiForgeryHeader_RecordedAsDeniedNamingTheMember()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var cookie = await MemberCookieAsync(host, tenant.Id, "admin@acme.test");

        using var forged = new HttpRequestMessage(HttpMethod.Patch, $"/api/tenants/{tenant.Id}")
        {
            Content = JsonContent.Create(new UpdateTenantRequest(Name: "forged"), options: SwitchyardJson.Options),
        };
        forged.Headers.Add("Cookie", cookie);
        var response = await host.Anonymous.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = (await AdminEntriesAsync(host, tenant.Id))[0];
        Assert.Equal(("UpdateTenant", 403, "denied"), (entry.Action, entry.StatusCode, entry.Outcome));
        Assert.StartsWith("member:", entry.Actor, StringComparison.Ordinal);
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task Patch_BodyNotJsonAndAuditEntryCannotBeWritten_Answers503()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await ChainedTenantAsync(host);
        var before = (await AdminEntriesAsync(host, tenant.Id)).Count;
        await BreakAdminChainAsync(host);

        var response = await host.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new StringContent("{\"name\": \"secret-body", Encoding.UTF8, "application/json"));

        await AssertAuditUnavailableAsync(response);
        Assert.Equal(before, (await AdminEntriesAsync(host, tenant.Id)).Count);
    }

    [Fact]
    public async Task Post_BodyOverTheLimitAndAuditEntryCannotBeWritten_Answers503()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["AdminApi:MaxRequestBodyBytes"] = "1024" });
        var tenant = await ChainedTenantAsync(host);
        await BreakAdminChainAsync(host);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/policies", new PolicyRequest(new string('x', 4096)), SwitchyardJson.Options);

        await AssertAuditUnavailableAsync(response);
    }

    [Fact]
    public async Task Post_CookieWithoutAntiForgeryHeaderAndAuditEntryCannotBeWritten_Answers503()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await ChainedTenantAsync(host);
        var cookie = await MemberCookieAsync(host, tenant.Id, "admin@acme.test");
        await BreakAdminChainAsync(host);

        using var forged = new HttpRequestMessage(HttpMethod.Patch, $"/api/tenants/{tenant.Id}")
        {
            Content = JsonContent.Create(new UpdateTenantRequest(Name: "forged"), options: SwitchyardJson.Options),
        };
        forged.Headers.Add("Cookie", cookie);
        var response = await host.Anonymous.SendAsync(forged);

        await AssertAuditUnavailableAsync(response);
        Assert.Equal("acme", (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{tenant.Id}", SwitchyardJson.Options))!.Name);
    }

    [Fact]
    public async Task Patch_BodyNotJson_EntryWrittenBeforeTheAnswer()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        for (var i = 1; i <= 3; i++)
        {
            var response = await host.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new StringContent("{not json", Encoding.UTF8, "application/json"));

            // The entry is in the log by the time the answer arrives (not written after it).
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(i, (await AdminEntriesAsync(host, tenant.Id)).Count(e => e.Action == "UpdateTenant" && e.StatusCode == 400));
        }
    }

    [Fact]
    public async Task Patch_BodyNotJsonFromAnotherTenantsMember_NotOnThatTenantsChain()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var other = await host.CreateTenantAsync("globex");
        using var outsider = await host.MemberClientAsync(other.Id, "admin@globex.test", MemberRole.TenantAdmin);
        var before = (await AdminEntriesAsync(host, tenant.Id)).Count;

        var response = await outsider.PatchAsync($"/api/tenants/{tenant.Id}", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await AdminEntriesAsync(host, tenant.Id)).Count);
    }

    [Fact]
    public async Task Get_Refused_NotRecorded()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["AdminApi:MaxRequestBodyBytes"] = "1024" });
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/audit?type=admin&from=not-a-time");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AdminEntriesAsync(host, tenant.Id));
    }

    /// <summary>A tenant whose admin chain has an entry (a rename to its own name), so <see cref="BreakAdminChainAsync"/> can break it.</summary>
    private static async Task<TenantDto> ChainedTenantAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("acme");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "acme"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        Assert.NotEmpty(await AdminEntriesAsync(host, tenant.Id));
        return tenant;
    }

    /// <summary>Moves every admin chain's last entry one place on: the next entry of any chain cannot be inserted.</summary>
    private static Task BreakAdminChainAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "UPDATE \"AuditAdminEntries\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Sequence\" = " +
            "(SELECT MAX(b.\"Sequence\") FROM \"AuditAdminEntries\" b WHERE b.\"TenantId\" = \"AuditAdminEntries\".\"TenantId\")"));

    private static async Task AssertAuditUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(SwitchyardJson.Options);
        Assert.Equal((503, "Audit log unavailable"), (problem!.Status, problem.Title));
    }

    private static async Task<string> MemberCookieAsync(ControlPlaneTestHost host, Guid tenantId, string email)
    {
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, Password, MemberRole.TenantAdmin), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();
        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(email, Password), SwitchyardJson.Options);
        login.EnsureSuccessStatusCode();
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Switchyard.Identity=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<IReadOnlyList<AuditAdminEntryDto>> AdminEntriesAsync(ControlPlaneTestHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{tenantId}/audit?type=admin", SwitchyardJson.Options))!.Items;
}
