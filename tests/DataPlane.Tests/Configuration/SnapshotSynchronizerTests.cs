using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Configuration;

public sealed class SnapshotSynchronizerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeMessagePublisher _bus = new();
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now);
    private WebApplication _controlPlane = null!;
    private ConfigSnapshot _served = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
    private string? _seenAuthorization;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _controlPlane = builder.Build();
        _controlPlane.MapGet(InternalRoutes.Snapshot, (HttpContext c) =>
        {
            _seenAuthorization = c.Request.Headers.Authorization;
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(_served, SwitchyardJson.Options), "application/json");
        });
        await _controlPlane.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _controlPlane.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task SyncAsync_NewerRevision_AppliesPersistsAndReports()
    {
        var (sync, store, lkg) = Create();

        var result = await sync.SyncAsync(1, CancellationToken.None);

        Assert.True(result!.Applied);
        Assert.Equal(1, store.Revision);
        Assert.Equal("Bearer " + TestSnapshots.NodeSecret, _seenAuthorization);
        Assert.Equal(1, (await lkg.LoadAsync(CancellationToken.None))!.Revision);
        var applied = Assert.IsType<ConfigApplied>(Assert.Single(_bus.Published));
        Assert.True(applied.Succeeded);
        Assert.Equal("node-a", applied.NodeId);
        Assert.Null(applied.Rejected);
    }

    [Fact]
    public async Task SyncAsync_RevisionAlreadyHeld_DoesNothing()
    {
        var (sync, _, _) = Create();
        await sync.SyncAsync(1, CancellationToken.None);

        Assert.Null(await sync.SyncAsync(1, CancellationToken.None));
        Assert.Single(_bus.Published);
    }

    [Fact]
    public async Task SyncAsync_InvalidSnapshot_KeepsCurrentAndReportsFailure()
    {
        var (sync, store, _) = Create();
        await sync.SyncAsync(1, CancellationToken.None);
        _served = TestSnapshots.Build(2, "http://127.0.0.1:1/v1") with { Hash = "tampered" };

        var result = await sync.SyncAsync(2, CancellationToken.None);

        Assert.Equal(SnapshotApplyStatus.Invalid, result!.Status);
        Assert.Equal(1, store.Revision);
        Assert.False(_bus.Published.OfType<ConfigApplied>().Last().Succeeded);
    }

    [Fact]
    public async Task SyncAsync_OneRouteInvalid_AppliesRestAndReportsTheRoute()
    {
        var (sync, store, _) = Create();
        await sync.SyncAsync(1, CancellationToken.None);
        var next = TestSnapshots.Build(2, "http://127.0.0.1:1/v1");
        var broken = next.Routes[0] with { Strategy = "fastest" };
        _served = TestSnapshots.Stamp(next with { Routes = [broken, .. next.Routes.Skip(1)] });

        var result = await sync.SyncAsync(2, CancellationToken.None);

        Assert.True(result!.Applied);
        Assert.Equal(2, store.Revision);
        var applied = _bus.Published.OfType<ConfigApplied>().Last();
        Assert.True(applied.Succeeded);
        var reported = Assert.Single(applied.Rejected!);
        Assert.Equal((RejectedConfigItem.Route, broken.Id, TestSnapshots.TenantId), (reported.Kind, reported.Id, reported.TenantId));
        Assert.Contains("strategy", reported.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadLastKnownGoodAsync_AfterRestart_RestoresSnapshot()
    {
        var (sync, _, _) = Create();
        await sync.SyncAsync(null, CancellationToken.None);
        var (restarted, store, _) = Create();

        Assert.True(await restarted.LoadLastKnownGoodAsync(CancellationToken.None));
        Assert.Equal(1, store.Revision);
    }

    [Fact]
    public async Task SyncAsync_FetchedSnapshot_ConfirmedNow()
    {
        var (sync, store, _) = Create();

        await sync.SyncAsync(null, CancellationToken.None);

        Assert.Equal(_time.GetUtcNow(), store.ConfirmedAt);
    }

    [Fact]
    public async Task SyncAsync_ControlPlaneServesTheHeldRevision_ConfirmsIt()
    {
        var (sync, store, _) = Create();
        await sync.SyncAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));

        await sync.SyncAsync(null, CancellationToken.None);

        Assert.Equal(_time.GetUtcNow(), store.ConfirmedAt);
    }

    [Fact]
    public async Task ConfirmCurrent_HeldRevision_AgeRestartsAndSurvivesARestart()
    {
        var (sync, store, _) = Create();
        await sync.SyncAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));

        sync.ConfirmCurrent(1);
        sync.ConfirmCurrent(7);
        var (restarted, restartedStore, _) = Create();
        await restarted.LoadLastKnownGoodAsync(CancellationToken.None);

        Assert.Equal(_time.GetUtcNow(), store.ConfirmedAt);
        Assert.Equal(_time.GetUtcNow(), restartedStore.ConfirmedAt);
    }

    [Fact]
    public async Task LoadLastKnownGoodAsync_NeverConfirmedSinceSaved_AgeCountsFromTheSave()
    {
        var (sync, _, _) = Create();
        await sync.SyncAsync(null, CancellationToken.None);
        var saved = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(2));
        var (restarted, store, _) = Create();

        await restarted.LoadLastKnownGoodAsync(CancellationToken.None);

        Assert.Equal(saved, store.ConfirmedAt);
    }

    private (SnapshotSynchronizer, SnapshotStore, LastKnownGoodStore) Create()
    {
        var options = Options.Create(new SnapshotSyncOptions
        {
            ControlPlaneUrl = _controlPlane.Urls.First(),
            NodeSecret = TestSnapshots.NodeSecret,
        });
        var store = SnapshotStoreTests.CreateStore();
        var lkg = new LastKnownGoodStore(new DataPaths(_dir.Path));
        var fetcher = new SnapshotFetcher(new HttpClient(), options);
        var sync = new SnapshotSynchronizer(store, fetcher, lkg, _bus, Options.Create(new NodeOptions { NodeId = "node-a" }), _time, NullLogger<SnapshotSynchronizer>.Instance);
        return (sync, store, lkg);
    }
}
