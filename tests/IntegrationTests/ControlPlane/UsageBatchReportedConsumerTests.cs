using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Usage ingestion on PostgreSQL over RabbitMQ: one bad record never fails the others, a batch that faults is never lost,
/// and no replay or redelivery counts a record twice.
/// </summary>
public sealed class UsageBatchReportedConsumerTests
{
    // Generous for a loaded machine (the wait ends as soon as the condition holds).
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task MixedBatch_OverlongModelErrorCodeAndARowPostgresRefuses_OthersStoredThoseQuarantinedOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var (tenantId, records) = await RecordsAsync(host, 6);
        records[1] = records[1] with { Model = new string('m', 300) };
        records[3] = records[3] with { ErrorCode = new string('e', 150) };
        records[4] = records[4] with { PromptTokens = 2_000_000 };
        // A rule the validator does not know: PostgreSQL itself refuses that row.
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """ALTER TABLE "UsageRecords" ADD CONSTRAINT it_plausible_tokens CHECK ("PromptTokens" < 1000000)"""));
        var batch = new UsageBatchReported(Guid.NewGuid(), "it-node", records);
        var publish = host.App.Services.GetRequiredService<IPublishEndpoint>();

        await publish.Publish(batch);
        await publish.Publish(batch with { BatchId = Guid.NewGuid() });
        await EventuallyAsync(async () => (await QuarantineAsync(host)).Length == 3 && (await UsageAsync(host, tenantId)).Count == 3);
        await Task.Delay(1000); // a second delivery still in flight would show now

        var quarantine = await QuarantineAsync(host);
        Assert.Equal(new[] { records[0].Id, records[2].Id, records[5].Id }.Order(), (await UsageAsync(host, tenantId)).Select(u => u.Id).Order());
        Assert.Equal(new[] { records[1].Id, records[3].Id, records[4].Id }.Order(), quarantine.Select(q => q.RecordId).Order());
        Assert.StartsWith("model is 300 characters", Reason(quarantine, records[1]), StringComparison.Ordinal);
        Assert.StartsWith("errorCode is 150 characters", Reason(quarantine, records[3]), StringComparison.Ordinal);
        Assert.Contains("it_plausible_tokens", Reason(quarantine, records[4]), StringComparison.Ordinal);
        Assert.Equal(records[1], quarantine.Single(q => q.RecordId == records[1].Id).Record);
        Assert.Empty(await DeadLettersAsync(host));
    }

    [Fact]
    public async Task DatabaseRefusesTheBatch_DeadLetteredThenReplayedTwice_CountedOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync(privateBroker: true);
        var (tenantId, records) = await RecordsAsync(host, 5);
        var batch = new UsageBatchReported(Guid.NewGuid(), "it-node", records);
        await RenameAsync(host, "UsageRecords", "UsageRecordsAway");

        await host.App.Services.GetRequiredService<IPublishEndpoint>().Publish(batch);
        await EventuallyAsync(async () => (await DeadLettersAsync(host)).Length == 1);
        await RenameAsync(host, "UsageRecordsAway", "UsageRecords");
        var first = await ReplayAsync(host, batch.BatchId);
        var second = await ReplayAsync(host, batch.BatchId);

        var letter = Assert.Single(await DeadLettersAsync(host, includeReplayed: true));
        Assert.Equal((batch.BatchId, 5), (letter.BatchId, letter.Records));
        Assert.Contains("UsageRecords", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(new UsageReplayResultDto(5, 0, 0), first);
        Assert.Equal(new UsageReplayResultDto(0, 5, 0), second);
        Assert.Equal(records.Select(r => r.Id).Order(), (await UsageAsync(host, tenantId)).Select(u => u.Id).Order());
        var totals = Assert.Single((await host.Admin.GetFromJsonAsync<UsageKeyTotalsDto[]>($"/api/tenants/{tenantId}/usage/by-key", SwitchyardJson.Options))!);
        Assert.Equal((5, 35), (totals.Requests, totals.PromptTokens));
    }

    [Fact]
    public async Task DatabaseAwayThroughEveryRetry_BatchFaultsToTheErrorQueueAndIsDeadLetteredOnceItIsBack()
    {
        // The fault consumer's pauses capped at 10 s (20 attempts, about 3 minutes): the dead letter follows soon after the tables are back.
        await using var host = await PostgresControlPlaneHost.StartAsync(
            new Dictionary<string, string?> { ["Usage:FaultRetryMaxSeconds"] = "10" }, privateBroker: true);
        var (tenantId, records) = await RecordsAsync(host, 4);
        var batch = new UsageBatchReported(Guid.NewGuid(), "it-node", records);
        await RenameAsync(host, "UsageRecords", "UsageRecordsAway");
        await RenameAsync(host, "UsageDeadLetters", "UsageDeadLettersAway");

        await host.App.Services.GetRequiredService<IPublishEndpoint>().Publish(batch);
        await EventuallyAsync(async () => (await PostgresControlPlaneHost.RabbitCtlAsync("list_queues", "-p", host.VirtualHost!, "name", "messages")).Contains("usage-batch-reported_error\t1", StringComparison.Ordinal));
        await RenameAsync(host, "UsageDeadLettersAway", "UsageDeadLetters");
        await RenameAsync(host, "UsageRecordsAway", "UsageRecords");
        await EventuallyAsync(async () => (await DeadLettersAsync(host)).Length == 1);
        var replay = await ReplayAsync(host, batch.BatchId);

        var letter = Assert.Single(await DeadLettersAsync(host, includeReplayed: true));
        Assert.Contains("UsageDeadLetters", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(new UsageReplayResultDto(4, 0, 0), replay);
        Assert.Equal(records.Select(r => r.Id).Order(), (await UsageAsync(host, tenantId)).Select(u => u.Id).Order());
    }

    private static async Task<(Guid TenantId, List<UsageRecord> Records)> RecordsAsync(PostgresControlPlaneHost host, int count)
    {
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("usage-" + Guid.NewGuid().ToString("N")[..6]));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("t"));
        var key = await host.PostAsync<CreatedKeyDto>(host.Admin, $"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"));
        var now = DateTimeOffset.UtcNow;
        var records = Enumerable.Range(0, count).Select(i => new UsageRecord(Guid.CreateVersion7(now.AddMilliseconds(i)), now, "it-node",
            tenant.Id, team.Id, key.Key.Id, "chat.completions", "mock-gpt", null, null, "mock", "m", true, 7, 3, 200, null, 5, 1)).ToList();
        return (tenant.Id, records);
    }

    /// <summary>Takes a table away (or brings it back), as a broken or half-migrated database would.</summary>
    private static Task<int> RenameAsync(PostgresControlPlaneHost host, string from, string to)
    {
        var sql = "ALTER TABLE \"" + from + "\" RENAME TO \"" + to + "\"";
        return host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private static async Task<UsageReplayResultDto> ReplayAsync(PostgresControlPlaneHost host, Guid batchId)
    {
        using var response = await host.Admin.PostAsync($"/api/usage/dead-letters/{batchId}/replay", null);
        Assert.True(response.IsSuccessStatusCode, $"replay: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<UsageReplayResultDto>(SwitchyardJson.Options))!;
    }

    private static async Task<List<UsageRecordDto>> UsageAsync(PostgresControlPlaneHost host, Guid tenantId) =>
        (await host.Admin.GetFromJsonAsync<List<UsageRecordDto>>($"/api/tenants/{tenantId}/usage", SwitchyardJson.Options))!;

    private static async Task<QuarantinedUsageDto[]> QuarantineAsync(PostgresControlPlaneHost host) =>
        (await host.Admin.GetFromJsonAsync<QuarantinedUsageDto[]>("/api/usage/quarantine", SwitchyardJson.Options))!;

    private static async Task<UsageDeadLetterDto[]> DeadLettersAsync(PostgresControlPlaneHost host, bool includeReplayed = false) =>
        (await host.Admin.GetFromJsonAsync<UsageDeadLetterDto[]>($"/api/usage/dead-letters?includeReplayed={includeReplayed}", SwitchyardJson.Options))!;

    private static string Reason(QuarantinedUsageDto[] quarantine, UsageRecord record) => quarantine.Single(q => q.RecordId == record.Id).Reason;

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {Limit}.");
            await Task.Delay(200);
        }
    }
}
