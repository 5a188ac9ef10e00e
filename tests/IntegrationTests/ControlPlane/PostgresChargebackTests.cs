using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.ControlPlane.Features.Chargeback;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Chargeback on PostgreSQL: the report (daily and hourly rollups in one repeatable-read snapshot) and the monthly
/// statements equal the raw ledger under concurrent, redelivered and late ingest; a closed statement never changes.
/// </summary>
public sealed class PostgresChargebackTests
{
    private static readonly DateTimeOffset Feb = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Apr = new(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ChargebackAndStatements_ConcurrentRedeliveredAndLateUsage_EqualLedgerToTheMicroDollar()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var created = await host.Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest($"chargeback-{Guid.NewGuid():N}"), SwitchyardJson.Options);
        var tenant = (await created.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!.Id;
        var february = Truncate(RollupLedger.Generate(new Random(91), tenant, 3_000, Feb, TimeSpan.FromDays(28)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            foreach (var batch in february.Where((_, i) => i % 4 == w || i % 7 == 0).Chunk(200))
            {
                await IngestAsync(host, batch);
            }
        })));
        await RunAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        var from = Feb.AddHours(3);
        var report = await host.Admin.GetFromJsonAsync<ChargebackDto>(
            $"/api/tenants/{tenant}/chargeback?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={Mar:yyyy-MM-ddTHH:mm:ssZ}&groupBy=model", SwitchyardJson.Options);
        var inRange = february.Where(r => r.Timestamp >= from).ToList();
        Assert.Equal((inRange.Count, inRange.Sum(r => r.CostMicros)), (report!.Total.Requests, report.Total.CostMicros));
        foreach (var line in report.Lines)
        {
            Assert.Equal(inRange.Where(r => r.Model == line.Key).Sum(r => r.CostMicros), line.CostMicros);
        }

        await CloseAsync(host, Mar.AddDays(1));
        var first = await StatementAsync(host, tenant, 1);
        Assert.Equal((february.Count, february.Sum(r => r.CostMicros)), (first.Statement.Requests, first.Lines.Sum(l => l.CostMicros)));

        var late = Truncate(RollupLedger.Generate(new Random(92), tenant, 200, Feb.AddDays(2), TimeSpan.FromDays(10)));
        var march = Truncate(RollupLedger.Generate(new Random(93), tenant, 700, Mar, TimeSpan.FromDays(31)));
        await Task.WhenAll(Task.Run(() => IngestAsync(host, late)), Task.Run(() => IngestAsync(host, march)), Task.Run(() => IngestAsync(host, late)));
        await CloseAsync(host, Apr.AddDays(1));

        Assert.Equal(first, await StatementAsync(host, tenant, 1), new StatementComparer());
        var second = await StatementAsync(host, tenant, 2);
        var adjustments = second.Lines.Where(l => l.Kind == "adjustment").ToList();
        Assert.Equal(late.Sum(r => r.CostMicros), adjustments.Sum(l => l.CostMicros));
        Assert.Equal(march.Sum(r => r.CostMicros), second.Lines.Where(l => l.Kind == "usage").Sum(l => l.CostMicros));
        Assert.Equal(february.Concat(late).Sum(r => r.CostMicros), first.Statement.CostMicros + adjustments.Sum(l => l.CostMicros));
    }

    [Fact]
    public async Task Close_BatchStampedJustBeforeTheCloseButCommittedAfterIt_ChargedByTheStatementThatListsIt()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var created = await host.Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest($"cutoff-{Guid.NewGuid():N}"), SwitchyardJson.Options);
        var tenant = (await created.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!.Id;
        var february = Truncate(RollupLedger.Generate(new Random(94), tenant, 300, Feb, TimeSpan.FromDays(28)));
        await IngestAsync(host, february);
        var closeAt = Mar.AddDays(1);
        var inFlight = Truncate(RollupLedger.Generate(new Random(95), tenant, 40, Feb.AddDays(27), TimeSpan.FromDays(1)));

        // The batch is stamped 1 ms before the statement's close time, and the statement starts closing while the batch is
        // being stamped, before its commit: it either sees the batch (waits for its commit) or has closed before the stamp.
        Task? close = null;
        var connection = host.App.Configuration.GetConnectionString("ControlPlane")!;
        var clock = new StampingTimeProvider(closeAt.AddMilliseconds(-1), () =>
        {
            close = Task.Run(() => CloseAsync(host, closeAt));
            WaitUntilDoneOrWaitingForTheIngestLock(close, connection, tenant);
        });
        await Task.Run(async () =>
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            var ingestor = new UsageIngestor(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), clock, scope.ServiceProvider.GetServices<IUsageIngestStep>());
            await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", inFlight), CancellationToken.None);
        });
        await close!;

        var first = await StatementAsync(host, tenant, 1);
        var all = february.Concat(inFlight).ToList();
        Assert.Equal((all.Count, all.Sum(r => r.CostMicros)), (first.Statement.Requests, first.Statement.CostMicros));
        foreach (var line in first.Lines)
        {
            var behind = new List<ChargebackRequestDto>();
            for (var page = 1; ; page++)
            {
                var items = await host.Admin.GetFromJsonAsync<ChargebackLineRequestsDto>(
                    $"/api/tenants/{tenant}/chargeback/statements/{first.Statement.Id}/lines/{line.Id}/requests?page={page}&pageSize=1000", SwitchyardJson.Options);
                if (items!.Items.Count == 0)
                {
                    break;
                }

                behind.AddRange(items.Items);
            }

            Assert.Equal((line.Requests, line.CostMicros), (behind.Count, behind.Sum(r => r.CostMicros)));
        }

        // Nothing was late: the next month closes no statement (no usage, no adjustment).
        await CloseAsync(host, Apr.AddDays(1));
        var statements = await host.Admin.GetFromJsonAsync<List<ChargebackStatementSummaryDto>>($"/api/tenants/{tenant}/chargeback/statements", SwitchyardJson.Options);
        Assert.Single(statements!);
    }

    /// <summary>Blocks until the close has finished or waits for the tenant's ingest lock (seen in <c>pg_locks</c>).</summary>
    private static void WaitUntilDoneOrWaitingForTheIngestLock(Task close, string connectionString, Guid tenant)
    {
        var key = IngestCutoff.LockKey(tenant);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid::text::bigint = @high AND objid::text::bigint = @low AND objsubid = 1",
            connection);
        command.Parameters.AddWithValue("high", (long)(uint)(key >> 32));
        command.Parameters.AddWithValue("low", (long)(uint)key);
        for (var polls = 0; polls < 6_000 && !close.IsCompleted; polls++)
        {
            if ((long)command.ExecuteScalar()! > 0)
            {
                return;
            }

            Thread.Sleep(10);
        }

        Assert.True(close.IsCompleted, "The close neither finished nor waited for the ingest lock.");
    }

    [Fact]
    public async Task Chargeback_ByCostCenter_LinesAndLocalDaysEqualTheLedgerPerTeamsCentre()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = (await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest($"centres-{Guid.NewGuid():N}", TimeZone: "America/New_York"))).Id;
        var centres = new Dictionary<Guid, string>();
        foreach (var (name, centre) in new[] { ("search", "CC-1"), ("support", "CC-1"), ("research", "CC-2"), ("ops", "") })
        {
            centres[(await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant}/teams", new CreateTeamRequest(name, CostCenter: centre))).Id] = centre;
        }

        Guid[] owners = [.. centres.Keys, Guid.Empty];
        List<UsageRecord> Assign(List<UsageRecord> records) => Truncate(records).Select((r, i) => r with { TeamId = owners[i % owners.Length] }).ToList();
        var usage = Assign(RollupLedger.Generate(new Random(96), tenant, 1_000, Feb, TimeSpan.FromDays(5)));
        await IngestAsync(host, usage);
        await RunAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var late = Assign(RollupLedger.Generate(new Random(97), tenant, 100, Feb.AddDays(1), TimeSpan.FromDays(1)));
        await IngestAsync(host, late); // on a summed day: read from the hourly rows
        usage.AddRange(late);
        var (from, to) = (Feb.AddHours(3), Feb.AddDays(5));

        var report = (await host.Admin.GetFromJsonAsync<ChargebackDto>(
            $"/api/tenants/{tenant}/chargeback?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}&groupBy=costCenter&series=day", SwitchyardJson.Options))!;

        var inRange = usage.Where(r => r.Timestamp >= from && r.Timestamp < to).ToList();
        string CentreOf(UsageRecord r) => centres.GetValueOrDefault(r.TeamId, "");
        Assert.Equal(
            inRange.GroupBy(CentreOf).Select(g => (g.Key, (long)g.Count(), g.Sum(r => r.CostMicros))).OrderBy(l => l.Key, StringComparer.Ordinal),
            report.Lines.Select(l => (l.Key, l.Requests, l.CostMicros)).OrderBy(l => l.Key, StringComparer.Ordinal));
        Assert.Equal("(none)", Assert.Single(report.Lines, l => l.Key == "").Label);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(
            inRange.GroupBy(r => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Timestamp, zone).DateTime), Key: CentreOf(r)))
                .Select(g => new ChargebackDayDto(g.Key.Day, g.Key.Key, g.Sum(r => r.CostMicros))).OrderBy(d => d.Day).ThenBy(d => d.Key, StringComparer.Ordinal),
            report.Days!);
    }

    /// <summary>A fixed clock that runs <paramref name="onFirstRead"/> the first time it is read (the ingest's stamp).</summary>
    private sealed class StampingTimeProvider(DateTimeOffset now, Action onFirstRead) : TimeProvider
    {
        private int _reads;

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Increment(ref _reads) == 1)
            {
                onFirstRead();
            }

            return now;
        }
    }

    private static async Task<ChargebackStatementDto> StatementAsync(PostgresControlPlaneHost host, Guid tenant, int number)
    {
        var list = await host.Admin.GetFromJsonAsync<List<ChargebackStatementSummaryDto>>($"/api/tenants/{tenant}/chargeback/statements", SwitchyardJson.Options);
        var summary = Assert.Single(list!, s => s.Number == number);
        return (await host.Admin.GetFromJsonAsync<ChargebackStatementDto>($"/api/tenants/{tenant}/chargeback/statements/{summary.Id}", SwitchyardJson.Options))!;
    }

    private static async Task CloseAsync(PostgresControlPlaneHost host, DateTimeOffset now)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var job = new CloseStatementsJob(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), new FakeTimeProvider(now), Options.Create(new ChargebackOptions()));
        await job.RunAsync(CancellationToken.None);
    }

    private static List<UsageRecord> Truncate(List<UsageRecord> records) =>
        records.ConvertAll(r => r with { Timestamp = r.Timestamp.AddTicks(-(r.Timestamp.Ticks % 10)) });

    private static async Task<UsageIngestResult> IngestAsync(PostgresControlPlaneHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", records), CancellationToken.None);
    }

    private static async Task<T> RunAsync<TJob, T>(PostgresControlPlaneHost host, Func<TJob, Task<T>> run)
        where TJob : notnull
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    /// <summary>Statement and lines equal field by field (the records hold lists, which compare by reference).</summary>
    private sealed class StatementComparer : IEqualityComparer<ChargebackStatementDto>
    {
        public bool Equals(ChargebackStatementDto? x, ChargebackStatementDto? y) =>
            x!.Statement == y!.Statement && x.Lines.SequenceEqual(y.Lines) && x.CostCenters.SequenceEqual(y.CostCenters);

        public int GetHashCode(ChargebackStatementDto obj) => obj.Statement.GetHashCode();
    }
}
