using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

public sealed class AuditIngestStepTests
{
    [Fact]
    public async Task Ingest_BatchRedelivered_OneChainedEntryPerRecord()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 6);

        await AuditTestData.IngestAsync(host, records[..4]);
        await AuditTestData.IngestAsync(host, records);
        await AuditTestData.IngestAsync(host, records);

        var entries = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(records.Select(r => r.Id), entries.Select(e => e.Id));
        Assert.Equal([1L, 2, 3, 4, 5, 6], entries.Select(e => e.Sequence));
        Assert.Equal(AuditHashing.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var verification = await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options);
        Assert.True(verification!.Valid);
        Assert.Equal(6, Assert.Single(verification.Chains).Entries);
    }

    [Fact]
    public async Task Ingest_FullMode_BodiesEncryptedAtRestAndShownDecrypted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 2);
        await AuditTestData.IngestAsync(host, records);

        var stored = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().FirstAsync(e => e.Id == records[1].Id));
        Assert.DoesNotContain("question 1", Encoding.UTF8.GetString(stored.RequestBody!), StringComparison.Ordinal);
        var detail = await host.Admin.GetFromJsonAsync<AuditRequestDetailDto>($"/api/tenants/{tenant.Id}/audit/{records[1].Id}", SwitchyardJson.Options);
        Assert.Equal(Encoding.UTF8.GetString(records[1].Audit!.RequestBody!), detail!.RequestBody);
        Assert.Equal(Encoding.UTF8.GetString(records[1].Audit!.ResponseBody!), detail.ResponseBody);
        Assert.Equal(records[1].Audit!.RequestSha256, detail.Entry.RequestSha256);
        Assert.Equal("email", Assert.Single(detail.Entry.Findings!).Rule);
        Assert.False(detail.BodiesUnreadable);
    }

    [Fact]
    public async Task DeleteDataKey_StoredBodies_UnreadableAndChainStillVerifies()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 2);
        await AuditTestData.IngestAsync(host, records);

        (await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/audit/key")).EnsureSuccessStatusCode();

        var detail = await host.Admin.GetFromJsonAsync<AuditRequestDetailDto>($"/api/tenants/{tenant.Id}/audit/{records[0].Id}", SwitchyardJson.Options);
        Assert.True(detail!.BodiesUnreadable);
        Assert.Null(detail.RequestBody);
        Assert.Null(detail.ResponseBody);
        var verification = await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options);
        Assert.True(verification!.Valid);
    }

    [Fact]
    public async Task Ingest_MetadataMode_NoBodiesButHashes()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 1, AuditModes.Metadata);
        await AuditTestData.IngestAsync(host, records);

        var stored = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().SingleAsync());
        Assert.Null(stored.RequestBody);
        Assert.Null(stored.ResponseBody);
        Assert.Equal(records[0].Audit!.ResponseSha256, stored.ResponseSha256);
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<AuditDataKey>().CountAsync()));
    }

    [Fact]
    public async Task Ingest_RecordWithoutAudit_NoEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 2).ConvertAll(r => r with { Audit = null });

        await AuditTestData.IngestAsync(host, records);

        Assert.Equal(2, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<AuditRequestEntry>().CountAsync()));
    }

    [Fact]
    public async Task Ingest_TwoNodes_OneChainEach()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        await AuditTestData.IngestAsync(host, AuditTestData.Records(tenant.Id, 3, node: "node-a"), "node-a");
        await AuditTestData.IngestAsync(host, AuditTestData.Records(tenant.Id, 2, node: "node-b"), "node-b");

        var verification = await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options);

        Assert.True(verification!.Valid);
        Assert.Equal([("node-a", 3L), ("node-b", 2L)], verification.Chains.Select(c => (c.NodeId, c.Entries)));
    }
}
