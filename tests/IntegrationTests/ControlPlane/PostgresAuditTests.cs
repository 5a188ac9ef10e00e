using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// The audit log on PostgreSQL: request entries travel with their usage records, so they share ingestion's guarantees —
/// concurrent overlapping deliveries store each entry once and never fork a chain, a batch the database refuses is
/// dead-lettered with its entries and replayed exactly once — and an edited row fails verification at that entry.
/// </summary>
public sealed class PostgresAuditTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ingest_OverlappingBatchesFromTwoNodesConcurrently_EachEntryOnceChainsUnforked()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        var a = Records(tenantId, 300, "it-node-a");
        var b = Records(tenantId, 200, "it-node-b");
        (string Node, IReadOnlyList<UsageRecord> Records)[] batches =
        [
            ("it-node-a", a[..200]), ("it-node-a", [.. a[100..].AsEnumerable().Reverse()]), ("it-node-a", a),
            ("it-node-b", b), ("it-node-b", [.. b.Where((_, i) => i % 2 == 0)]), ("it-node-b", b[50..]),
        ];

        await Task.WhenAll(batches.Select(batch => Task.Run(() => IngestAsync(host, batch.Node, batch.Records))));

        var entries = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync());
        Assert.Equal(a.Concat(b).Select(r => r.Id).Order(), entries.Select(e => e.Id).Order());
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), entries.Where(e => e.NodeId == "it-node-a").Select(e => e.Sequence).Order());
        var verification = await VerifyAsync(host, tenantId);
        Assert.True(verification.Valid, string.Join("; ", verification.Chains.Select(c => $"{c.NodeId}: {c.BrokenAt}")));
        Assert.Equal([300L, 200L], verification.Chains.Select(c => c.Entries));
    }

    [Fact]
    public async Task AuditTableAway_BatchDeadLetteredWithItsUsageThenReplayedTwice_EntriesStoredOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var tenantId = await TenantAsync(host);
        var records = Records(tenantId, 5, "it-node");
        var batch = new UsageBatchReported(Guid.NewGuid(), "it-node", records);
        await RenameAsync(host, "AuditRequestEntries", "AuditRequestEntriesAway");

        await host.App.Services.GetRequiredService<IPublishEndpoint>().Publish(batch);
        await EventuallyAsync(async () => (await host.Admin.GetFromJsonAsync<UsageDeadLetterDto[]>("/api/usage/dead-letters", SwitchyardJson.Options))!
            .Any(l => l.BatchId == batch.BatchId));
        var usageWhileAway = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.TenantId == tenantId));
        await RenameAsync(host, "AuditRequestEntriesAway", "AuditRequestEntries");
        (await host.Admin.PostAsync($"/api/usage/dead-letters/{batch.BatchId}/replay", null)).EnsureSuccessStatusCode();
        (await host.Admin.PostAsync($"/api/usage/dead-letters/{batch.BatchId}/replay", null)).EnsureSuccessStatusCode();

        Assert.Equal(0, usageWhileAway);
        var entries = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(records.Select(r => r.Id), entries.Select(e => e.Id));
        Assert.True((await VerifyAsync(host, tenantId)).Valid);
        var detail = (await host.Admin.GetFromJsonAsync<AuditRequestDetailDto>($"/api/tenants/{tenantId}/audit/{records[2].Id}", SwitchyardJson.Options))!;
        Assert.Equal("answer 2", detail.ResponseBody);
    }

    [Fact]
    public async Task Verify_RowEditedInPostgres_FailsAtThatEntry()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        var records = Records(tenantId, 4, "it-node");
        await IngestAsync(host, "it-node", records);
        Assert.True((await VerifyAsync(host, tenantId)).Valid);

        var sql = $"UPDATE \"AuditRequestEntries\" SET \"Model\" = 'other-model' WHERE \"Id\" = '{records[1].Id}'";
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

        var broken = Assert.Single((await VerifyAsync(host, tenantId)).Chains).BrokenAt!;
        Assert.Equal((records[1].Id, 2L, "hash mismatch"), (broken.EntryId!.Value, broken.Sequence, broken.Reason));
    }

    [Fact]
    public async Task ConcurrentAdminCalls_AdminChainNotForked()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(TimeZone: i % 2 == 0 ? "Europe/Berlin" : ""), SwitchyardJson.Options))
            .EnsureSuccessStatusCode())));

        var verification = await VerifyAsync(host, tenantId);
        var admin = Assert.Single(verification.Chains, c => c.Kind == AuditChainKinds.Admin);
        Assert.True(verification.Valid);
        Assert.True(admin.Entries >= 12);
        var sequences = await host.WithDbAsync(db => db.Set<AuditAdminEntry>().AsNoTracking().Where(e => e.TenantId == tenantId).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences.Order());
    }

    [Fact]
    public async Task ConcurrentSavedRefusedAndDeniedCalls_OneChainEachSavedChangeWithItsEntry()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        using var developer = await host.MemberAsync(tenantId, MemberRole.Developer);
        var before = await host.WithDbAsync(db => db.Set<AuditAdminEntry>().CountAsync(e => e.TenantId == tenantId));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 18).Select(i => Task.Run(async () => (i % 3) switch
        {
            0 => (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(Name: $"audit-renamed-{i}"), SwitchyardJson.Options)).StatusCode,
            1 => (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(Audit: new AuditSettings("everything")), SwitchyardJson.Options)).StatusCode,
            _ => (await developer.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(Name: $"mine-{i}"), SwitchyardJson.Options)).StatusCode,
        })));

        Assert.Equal(6, statuses.Count(s => s == System.Net.HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(s => s == System.Net.HttpStatusCode.BadRequest));
        Assert.Equal(6, statuses.Count(s => s == System.Net.HttpStatusCode.Forbidden));
        var verification = await VerifyAsync(host, tenantId);
        Assert.True(verification.Valid);
        var entries = await host.WithDbAsync(db => db.Set<AuditAdminEntry>().AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync());
        Assert.Equal(before + 18, entries.Count);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        var saved = entries.Where(e => e.Outcome == AdminAuditOutcomes.Saved && e.Action == "UpdateTenant").ToList();
        Assert.Equal(6, saved.Count);
        Assert.All(saved, e => Assert.Contains("audit-renamed-", e.Changes, StringComparison.Ordinal));
        Assert.Equal(6, entries.Count(e => e.Outcome == AdminAuditOutcomes.Refused));
        Assert.Equal(6, entries.Count(e => e.Outcome == AdminAuditOutcomes.Denied && e.StatusCode == 403));
    }

    [Fact]
    public async Task AdminEntryCannotBeWritten_ChangeRolledBackWithIt()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenantId = await TenantAsync(host);
        await RenameAsync(host, "AuditAdminEntries", "AuditAdminEntriesAway");
        try
        {
            var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}", new UpdateTenantRequest(TimeZone: "Europe/Berlin"), SwitchyardJson.Options);

            Assert.False(response.IsSuccessStatusCode);
        }
        finally
        {
            await RenameAsync(host, "AuditAdminEntriesAway", "AuditAdminEntries");
        }

        var tenant = (await host.Admin.GetFromJsonAsync<TenantDto>($"/api/tenants/{tenantId}", SwitchyardJson.Options))!;
        Assert.NotEqual("Europe/Berlin", tenant.TimeZone);
    }

    private static async Task<Guid> TenantAsync(PostgresControlPlaneHost host) =>
        (await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("audit-" + Guid.NewGuid().ToString("N")[..8]))).Id;

    private static List<UsageRecord> Records(Guid tenantId, int count, string node)
    {
        var now = DateTimeOffset.UtcNow;
        var team = Guid.CreateVersion7();
        var key = Guid.CreateVersion7();
        return Enumerable.Range(0, count).Select(i =>
        {
            var request = Encoding.UTF8.GetBytes($"question {i}");
            var response = Encoding.UTF8.GetBytes($"answer {i}");
            return new UsageRecord(
                Guid.CreateVersion7(now.AddMilliseconds(i)), now.AddMilliseconds(i).AddTicks(3), node, tenantId, team, key, "chat.completions", "mock-gpt",
                null, null, "mock", "m", false, 7, 3, 200, null, 5, null, CostMicros: 42,
                Audit: new UsageAudit(AuditModes.Full, Hex(request), Hex(response), request.Length, response.Length, request, response));
        }).ToList();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task IngestAsync(PostgresControlPlaneHost host, string node, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), node, records), CancellationToken.None);
    }

    private static async Task<AuditVerificationDto> VerifyAsync(PostgresControlPlaneHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenantId}/audit/verify", SwitchyardJson.Options))!;

    private static Task<int> RenameAsync(PostgresControlPlaneHost host, string from, string to)
    {
        var sql = "ALTER TABLE \"" + from + "\" RENAME TO \"" + to + "\"";
        return host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
