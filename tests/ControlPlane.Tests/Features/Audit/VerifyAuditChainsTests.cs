using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

public sealed class VerifyAuditChainsTests
{
    [Fact]
    public async Task Verify_RowEditedInDatabase_FailsAtThatEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 5);
        await AuditTestData.IngestAsync(host, records);

        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditRequestEntries\" SET \"CostMicros\" = 1 WHERE \"Sequence\" = 3"));

        var verification = await VerifyAsync(host, tenant.Id);
        Assert.False(verification.Valid);
        var broken = Assert.Single(verification.Chains).BrokenAt!;
        Assert.Equal(records[2].Id, broken.EntryId);
        Assert.Equal(3, broken.Sequence);
        Assert.Equal("hash mismatch", broken.Reason);
    }

    [Fact]
    public async Task Verify_EditedRowRehashed_FailsAtTheNextEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 4);
        await AuditTestData.IngestAsync(host, records);
        await host.WithDbAsync(async db =>
        {
            var entry = await db.Set<AuditRequestEntry>().SingleAsync(e => e.Sequence == 2);
            entry.StatusCode = 500;
            entry.Hash = AuditHashing.Of(entry);
            return await db.SaveChangesAsync();
        });

        var broken = Assert.Single((await VerifyAsync(host, tenant.Id)).Chains).BrokenAt!;

        Assert.Equal(records[2].Id, broken.EntryId);
        Assert.Equal("previous hash mismatch", broken.Reason);
    }

    [Fact]
    public async Task Verify_EntryDeleted_ReportsGap()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 4);
        await AuditTestData.IngestAsync(host, records);
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRequestEntries\" WHERE \"Sequence\" = 2"));

        var broken = Assert.Single((await VerifyAsync(host, tenant.Id)).Chains).BrokenAt!;

        Assert.Equal(records[2].Id, broken.EntryId);
        Assert.Equal("sequence gap", broken.Reason);
    }

    [Fact]
    public async Task Verify_LastEntryDeleted_ReportsHeadMismatch()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        await AuditTestData.IngestAsync(host, AuditTestData.Records(tenant.Id, 3));
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRequestEntries\" WHERE \"Sequence\" = 3"));

        var broken = Assert.Single((await VerifyAsync(host, tenant.Id)).Chains).BrokenAt!;

        Assert.Equal(3, broken.Sequence);
        Assert.Equal("head mismatch", broken.Reason);
    }

    private static async Task<AuditVerificationDto> VerifyAsync(ControlPlaneTestHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenantId}/audit/verify", SwitchyardJson.Options))!;
}
