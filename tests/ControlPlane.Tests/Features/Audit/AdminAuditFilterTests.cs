using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

public sealed class AdminAuditFilterTests
{
    [Fact]
    public async Task Patch_TenantRenamed_EntryWithBeforeAfterActorAndOutcome()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "acme-renamed"), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var entry = Assert.Single((await AdminEntriesAsync(host, tenant.Id)).Items);
        Assert.Equal("UpdateTenant", entry.Action);
        Assert.Equal("PATCH", entry.Method);
        Assert.StartsWith("admin-key:", entry.Actor, StringComparison.Ordinal);
        Assert.Equal(200, entry.StatusCode);
        Assert.Equal("Tenant", entry.ObjectType);
        Assert.Equal(tenant.Id.ToString(), entry.ObjectId, ignoreCase: true);
        var change = entry.Changes!.Value[0];
        Assert.Equal("acme", change.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("acme-renamed", change.GetProperty("after").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Post_Credential_SecretNeverRecorded()
    {
        const string secret = "sk-audit-secret-value-0123456789";
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/credentials", new CreateCredentialRequest("openai", ProviderKinds.OpenAI, secret), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();
        var key = await host.Admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest((await host.CreateTeamAsync(tenant.Id, "search")).Id, "app"), SwitchyardJson.Options);
        var created = (await key.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;

        var entries = (await AdminEntriesAsync(host, tenant.Id)).Items;
        var changes = string.Join("\n", entries.Select(e => e.Changes?.GetRawText()));
        Assert.Contains("\"ProviderCredential\"", changes, StringComparison.Ordinal);
        Assert.Contains("\"VirtualKey\"", changes, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, changes, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedSecret", changes, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, changes, StringComparison.Ordinal);
        Assert.DoesNotContain("\"hash\"", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_Refused_RecordedWithItsStatus()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Audit: new AuditSettings("everything")), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var entry = Assert.Single((await AdminEntriesAsync(host, tenant.Id)).Items);
        Assert.Equal(400, entry.StatusCode);
        Assert.Null(entry.Changes);
    }

    [Fact]
    public async Task Verify_AdminEntryEditedInDatabase_FailsAtThatEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        for (var i = 0; i < 3; i++)
        {
            (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: $"acme-{i}"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        }

        var entries = (await AdminEntriesAsync(host, tenant.Id)).Items;
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!.Valid);
        await host.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(
            db.Database, "UPDATE \"AuditAdminEntries\" SET \"Actor\" = 'member:someone-else' WHERE \"Sequence\" = 2"));

        var verification = (await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!;

        Assert.False(verification.Valid);
        var chain = Assert.Single(verification.Chains, c => c.Kind == "admin");
        Assert.Equal(entries.Single(e => e.Sequence == 2).Id, chain.BrokenAt!.EntryId);
        Assert.Equal("hash mismatch", chain.BrokenAt.Reason);
    }

    private static async Task<AuditAdminPage> AdminEntriesAsync(ControlPlaneTestHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{tenantId}/audit?type=admin", SwitchyardJson.Options))!;
}
