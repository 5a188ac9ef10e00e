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
        Assert.Equal("saved", entry.Outcome);
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
        Assert.Equal("refused", entry.Outcome);
        Assert.Null(entry.Changes);
    }

    [Fact]
    public async Task Patch_AuditEntryCannotBeWritten_ChangeNotSavedEither()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "acme-1"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        // A row already holds the chain's next place: the next entry cannot be inserted.
        await host.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "UPDATE \"AuditAdminEntries\" SET \"Sequence\" = 2 WHERE \"Sequence\" = 1"));

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "acme-2"), SwitchyardJson.Options);

        // The endpoint reads the failed insert as a conflict; either way the call does not claim success, and nothing was saved.
        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("acme-1", (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{tenant.Id}", SwitchyardJson.Options))!.Name);
    }

    [Fact]
    public async Task Patch_TwoChanges_EachEntryCommittedWithItsChange()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        for (var i = 1; i <= 2; i++)
        {
            (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: $"acme-{i}"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        }

        var entries = (await AdminEntriesAsync(host, tenant.Id)).Items;
        Assert.Equal([2L, 1L], entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Equal("saved", e.Outcome));
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task Patch_RoleNotEnough_RecordedAsDenied()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        using var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);
        var before = (await AdminEntriesAsync(host, tenant.Id)).Items.Count;

        var response = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "mine"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entries = (await AdminEntriesAsync(host, tenant.Id)).Items;
        Assert.Equal(before + 1, entries.Count);
        var denied = entries[0];
        Assert.Equal("denied", denied.Outcome);
        Assert.Equal(403, denied.StatusCode);
        Assert.Equal("UpdateTenant", denied.Action);
        Assert.StartsWith("member:", denied.Actor, StringComparison.Ordinal);
        Assert.Null(denied.Changes);
        Assert.True((await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!.Valid);
    }

    [Fact]
    public async Task VerifyPlatform_PlatformEntryEdited_FailsAtThatEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await host.CreateTenantAsync("acme");
        await host.CreateTenantAsync("globex");
        var valid = (await host.Admin.GetFromJsonAsync<AuditVerificationDto>("/api/platform/audit/verify", SwitchyardJson.Options))!;
        Assert.True(valid.Valid);
        Assert.Equal(2, Assert.Single(valid.Chains, c => c.Kind == "admin").Entries);
        await host.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "UPDATE \"AuditAdminEntries\" SET \"Path\" = '/api/elsewhere' WHERE \"Sequence\" = 2"));

        var broken = (await host.Admin.GetFromJsonAsync<AuditVerificationDto>("/api/platform/audit/verify", SwitchyardJson.Options))!;

        Assert.False(broken.Valid);
        Assert.Equal(2, Assert.Single(broken.Chains).BrokenAt!.Sequence);
    }

    [Fact]
    public async Task VerifyPlatform_TenantAdmin_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        using var admin = await host.MemberClientAsync(tenant.Id, "admin@acme.test", MemberRole.TenantAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/platform/audit/verify")).StatusCode);
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

    [Fact]
    public async Task DeleteApprovedModel_AuditEntryCannotBeWritten_ModelKept()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var created = await host.Admin.PostAsJsonAsync("/api/platform/approved-models", new ApprovedModelRequest(ProviderKinds.OpenAI, "gpt-4o"), SwitchyardJson.Options);
        var model = (await created.Content.ReadFromJsonAsync<ApprovedModelDto>(SwitchyardJson.Options))!;
        await BreakAdminChainsAsync(host);

        var response = await host.Admin.DeleteAsync($"/api/platform/approved-models/{model.Id}");

        Assert.False(response.IsSuccessStatusCode);
        var models = await host.Admin.GetFromJsonAsync<List<ApprovedModelDto>>("/api/platform/approved-models", SwitchyardJson.Options);
        Assert.Contains(models!, m => m.Id == model.Id);
    }

    [Fact]
    public async Task DeleteAuditDataKey_Deleted_EntrySavedWithTheChange()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        await AuditTestData.IngestAsync(host, AuditTestData.Records(tenant.Id, 1));

        (await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/audit/key")).EnsureSuccessStatusCode();

        var entry = (await AdminEntriesAsync(host, tenant.Id)).Items[0];
        Assert.Equal(("DeleteAuditDataKey", "saved", "AuditDataKey"), (entry.Action, entry.Outcome, entry.ObjectType));
        Assert.DoesNotContain("wrappedKey", entry.Changes!.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DryRun_SavesNothingAndAuditEntryCannotBeWritten_Answers503()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/policies", new PolicyRequest("pii"), SwitchyardJson.Options);
        var policy = (await created.Content.ReadFromJsonAsync<PolicyDto>(SwitchyardJson.Options))!;
        await BreakAdminChainsAsync(host);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/policies/{policy.Id}/dry-run", new PolicyDryRunRequest("hello"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Moves every admin chain's last entry one place on: the next entry of any chain cannot be inserted.</summary>
    private static Task BreakAdminChainsAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "UPDATE \"AuditAdminEntries\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Sequence\" = " +
            "(SELECT MAX(b.\"Sequence\") FROM \"AuditAdminEntries\" b WHERE b.\"TenantId\" = \"AuditAdminEntries\".\"TenantId\")"));

    private static async Task<AuditAdminPage> AdminEntriesAsync(ControlPlaneTestHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<AuditAdminPage>($"/api/tenants/{tenantId}/audit?type=admin", SwitchyardJson.Options))!;
}
