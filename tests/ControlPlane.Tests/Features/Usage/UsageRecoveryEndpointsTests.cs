using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

/// <summary>Dead-lettered batches and quarantined records: visible to platform admins and replayable without double counting.</summary>
public sealed class UsageRecoveryEndpointsTests
{
    [Fact]
    public async Task ReplayDeadLetter_Twice_RecordsStoredAndCountedOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var batch = Batch(tenant.Id, 3);
        await DeadLetterAsync(host, batch);

        var listed = await host.Admin.GetFromJsonAsync<UsageDeadLetterDto[]>("/api/usage/dead-letters", SwitchyardJson.Options);
        var first = await ReplayAsync(host, $"/api/usage/dead-letters/{batch.BatchId}/replay");
        var second = await ReplayAsync(host, $"/api/usage/dead-letters/{batch.BatchId}/replay");

        Assert.Equal((batch.BatchId, 3, "lost connection"), (Assert.Single(listed!).BatchId, listed![0].Records, listed[0].Reason));
        Assert.Equal(new UsageReplayResultDto(3, 0, 0), first);
        Assert.Equal(new UsageReplayResultDto(0, 3, 0), second);
        var totals = await host.Admin.GetFromJsonAsync<UsageKeyTotalsDto[]>($"/api/tenants/{tenant.Id}/usage/by-key", SwitchyardJson.Options);
        Assert.Equal(3, Assert.Single(totals!).Requests);
        Assert.Empty((await host.Admin.GetFromJsonAsync<UsageDeadLetterDto[]>("/api/usage/dead-letters", SwitchyardJson.Options))!);
        var replayed = Assert.Single((await host.Admin.GetFromJsonAsync<UsageDeadLetterDto[]>("/api/usage/dead-letters?includeReplayed=true", SwitchyardJson.Options))!);
        Assert.NotNull(replayed.ReplayedAt);
    }

    [Fact]
    public async Task GetDeadLetter_Known_ReturnsItsRecords()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(Guid.CreateVersion7(), 2);
        await DeadLetterAsync(host, batch);

        var detail = await host.Admin.GetFromJsonAsync<UsageDeadLetterDetailDto>($"/api/usage/dead-letters/{batch.BatchId}", SwitchyardJson.Options);
        using var unknown = await host.Admin.GetAsync($"/api/usage/dead-letters/{Guid.NewGuid()}");

        Assert.Equal(batch.Records, detail!.Records);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UsageRecovery_TenantAdmin_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        using var tenantAdmin = await host.MemberClientAsync(tenant.Id, "admin@acme.test", MemberRole.TenantAdmin);

        using var deadLetters = await tenantAdmin.GetAsync("/api/usage/dead-letters");
        using var quarantine = await tenantAdmin.GetAsync("/api/usage/quarantine");
        using var replay = await tenantAdmin.PostAsync($"/api/usage/dead-letters/{Guid.NewGuid()}/replay", null);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [deadLetters.StatusCode, quarantine.StatusCode, replay.StatusCode]);
    }

    [Fact]
    public async Task ReplayQuarantined_StillInvalid_409WithTheReasonAndNotStored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(Guid.CreateVersion7(), 1);
        var record = batch.Records[0] with { Model = new string('m', 300) };
        await IngestAsync(host, batch with { Records = [record] });

        var listed = Assert.Single((await host.Admin.GetFromJsonAsync<QuarantinedUsageDto[]>("/api/usage/quarantine", SwitchyardJson.Options))!);
        using var replay = await host.Admin.PostAsync($"/api/usage/quarantine/{record.Id}/replay", null);

        Assert.Equal((record.Id, record), (listed.RecordId, listed.Record));
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        var problem = await replay.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("model is 300 characters", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ReplayQuarantined_StorableNow_StoredOnceAndResolved()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var record = Batch(Guid.CreateVersion7(), 1).Records[0];
        await host.WithDbAsync(async db =>
        {
            // Quarantined earlier because the database refused it (e.g. a constraint since relaxed).
            db.UsageQuarantine.Add(new UsageQuarantineEntry
            {
                Id = record.Id, BatchId = Guid.NewGuid(), NodeId = "node-1", TenantId = record.TenantId, Reason = "The database refused the record: check violation",
                Record = JsonSerializer.Serialize(record, SwitchyardJson.Options), QuarantinedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var first = await ReplayAsync(host, $"/api/usage/quarantine/{record.Id}/replay");
        var second = await ReplayAsync(host, $"/api/usage/quarantine/{record.Id}/replay");

        Assert.Equal(new UsageReplayResultDto(1, 0, 0), first);
        Assert.Equal(new UsageReplayResultDto(0, 1, 0), second);
        Assert.Equal(1, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync()));
        Assert.Empty((await host.Admin.GetFromJsonAsync<QuarantinedUsageDto[]>("/api/usage/quarantine", SwitchyardJson.Options))!);
    }

    private static async Task<UsageReplayResultDto> ReplayAsync(ControlPlaneTestHost host, string path)
    {
        using var response = await host.Admin.PostAsync(path, null);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<UsageReplayResultDto>(SwitchyardJson.Options))!;
    }

    private static async Task DeadLetterAsync(ControlPlaneTestHost host, UsageBatchReported batch)
    {
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UsageDeadLetterStore>().AddAsync(batch, "lost connection", CancellationToken.None);
    }

    private static async Task IngestAsync(ControlPlaneTestHost host, UsageBatchReported batch)
    {
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(batch, CancellationToken.None);
    }

    private static UsageBatchReported Batch(Guid tenantId, int count)
    {
        var start = DateTimeOffset.UtcNow;
        var keyId = Guid.CreateVersion7();
        var records = Enumerable.Range(0, count).Select(i => new UsageRecord(
            Guid.CreateVersion7(), start.AddMilliseconds(i), "node-1", tenantId, Guid.Empty, keyId, "chat.completions", "mock-gpt",
            null, null, "mock", "mock-gpt", false, 10, 5, 200, null, 12.5, null)).ToList();
        return new UsageBatchReported(Guid.NewGuid(), "node-1", records);
    }
}
