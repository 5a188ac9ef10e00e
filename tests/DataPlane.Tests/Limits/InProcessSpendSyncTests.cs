using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Limits;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Limits;

/// <summary>
/// A node keeping its budget counters in memory starts from the control plane's ledger (a restarted node does not start
/// the period from zero) and never lowers what it counted itself.
/// </summary>
public sealed class InProcessSpendSyncTests
{
    private static readonly Guid KeyId = Guid.Parse("0198b000-0000-7000-8000-000000000021");
    private const string Period = "m2025-07";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LimitCells _cells = new(Options.Create(new RateLimitingOptions()));

    [Fact]
    public async Task Sync_FreshNodeLedgerNearTheBudget_CounterStartsFromTheLedgerAndRefusesWhatNoLongerFits()
    {
        var json = $$"""[{"scope":"key","ownerId":"{{KeyId}}","periodKey":"{{Period}}","spentMicros":950}]""";

        var raised = await Sync(new Answer(HttpStatusCode.OK, json)).SyncAsync(CancellationToken.None);

        Assert.Equal(1, raised);
        Assert.Equal(950, Spent());
        Assert.False(await new InProcessLimitStore(_time).TryAcquireAsync(Lease(requested: 100, minimum: 100, limit: 1_000)));
    }

    [Fact]
    public async Task Sync_ControlPlaneFails_CountersKeptAndNoException()
    {
        Assert.True(await new InProcessLimitStore(_time).TryAcquireAsync(Lease(requested: 300, minimum: 300, limit: 1_000)));

        var raised = await Sync(new Answer(HttpStatusCode.ServiceUnavailable, "")).SyncAsync(CancellationToken.None);

        Assert.Null(raised);
        Assert.Equal(300, Spent());
    }

    [Fact]
    public async Task Apply_LedgerBelowTheLocalCount_LeavesIt()
    {
        Assert.True(await new InProcessLimitStore(_time).TryAcquireAsync(Lease(requested: 300, minimum: 300, limit: 1_000)));

        var raised = InProcessSpendSync.Apply(_cells, [new BudgetSpendEntry("key", KeyId, Period, 200)]);

        Assert.Equal(0, raised);
        Assert.Equal(300, Spent());
    }

    [Fact]
    public async Task Apply_EntryOfAnotherPeriod_LeavesTheCurrentCounterAlone()
    {
        Assert.True(await new InProcessLimitStore(_time).TryAcquireAsync(Lease(requested: 300, minimum: 300, limit: 1_000)));

        var raised = InProcessSpendSync.Apply(_cells, [new BudgetSpendEntry("key", KeyId, "m2025-06", 5_000), new BudgetSpendEntry("nonsense", KeyId, Period, 9_000)]);

        Assert.Equal(0, raised);
        Assert.Equal(300, Spent());
    }

    [Fact]
    public async Task Node_InProcessStore_RunsTheSync()
    {
        await using var host = await Infrastructure.DataPlaneTestHost.StartAsync();

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<InProcessSpendSync>());
    }

    private InProcessSpendSync Sync(HttpMessageHandler handler)
    {
        var options = Options.Create(new SnapshotSyncOptions { ControlPlaneUrl = "http://127.0.0.1:1", NodeSecret = "node-secret-for-tests-0123456789" });
        var fetcher = new SnapshotFetcher(new HttpClient(handler), options);
        return new InProcessSpendSync(fetcher, _cells, Options.Create(new RateLimitingOptions()), _time, NullLogger<InProcessSpendSync>.Instance);
    }

    private long Spent() => _cells.Get(LimitScope.Key, KeyId, "").Spend(Period).Local;

    private LimitLease Lease(long requested, long minimum, long limit)
    {
        var lease = new LimitLease(1, 1);
        lease.Add(CounterOp.Budget(_cells.Get(LimitScope.Key, KeyId, ""), limit, LimitScope.Key, Period));
        lease.Reserve(requested, minimum);
        return lease;
    }

    private sealed class Answer(HttpStatusCode status, string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/internal/budgets/spend", request.RequestUri!.AbsolutePath);
            Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
