using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Tests.Configuration;

/// <summary>The age of the node's snapshot counts from its last confirmation by the control plane; past the limit the node is not ready.</summary>
public class SnapshotStalenessTests
{
    private const string Upstream = "http://127.0.0.1:1/v1";

    // A month after the test snapshot was created: its age must not count from its creation.
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now.AddDays(30));

    [Fact]
    public void TryGetUsable_OldSnapshotConfirmedJustNow_Served()
    {
        var (store, _) = Create(maxAgeSeconds: 60, refuse: true);

        Assert.NotNull(store.TryGetUsable(out var refusal));
        Assert.Null(refusal);
    }

    [Fact]
    public void TryGetUsable_PastMaxAgeWithRefusal_RefusedAsConfigStale()
    {
        var (store, _) = Create(maxAgeSeconds: 60, refuse: true);

        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Null(store.TryGetUsable(out var refusal));
        Assert.Equal((503, "config_stale"), (refusal!.Status, refusal.Code));
    }

    [Fact]
    public void TryGetUsable_PastMaxAgeWithoutRefusal_StillServed()
    {
        var (store, _) = Create(maxAgeSeconds: 60, refuse: false);

        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.NotNull(store.TryGetUsable(out _));
    }

    [Fact]
    public void Confirm_AfterGoingStale_ServedAgain()
    {
        var (store, _) = Create(maxAgeSeconds: 60, refuse: true);
        _time.Advance(TimeSpan.FromSeconds(61));

        store.Confirm(1, _time.GetUtcNow());

        Assert.NotNull(store.TryGetUsable(out _));
        Assert.Equal(_time.GetUtcNow(), store.ConfirmedAt);
    }

    [Fact]
    public void Confirm_OtherRevisionOrOlderTime_Ignored()
    {
        var (store, _) = Create(maxAgeSeconds: 60, refuse: true);
        var confirmed = store.ConfirmedAt;

        store.Confirm(2, _time.GetUtcNow().AddSeconds(30));
        store.Confirm(1, _time.GetUtcNow().AddSeconds(-30));

        Assert.Equal(confirmed, store.ConfirmedAt);
    }

    [Fact]
    public async Task ReadinessCheck_WithinMaxAge_HealthyAndReportsAge()
    {
        var (store, staleness) = Create(maxAgeSeconds: 60, refuse: false);
        _time.Advance(TimeSpan.FromSeconds(42));

        var result = await new SnapshotReadinessCheck(store, staleness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal((1L, 42.0, 60.0), ((long)result.Data["revision"], (double)result.Data["snapshotAgeSeconds"], (double)result.Data["maxSnapshotAgeSeconds"]));
    }

    [Fact]
    public async Task ReadinessCheck_PastMaxAge_Unhealthy()
    {
        var (store, staleness) = Create(maxAgeSeconds: 60, refuse: false);
        _time.Advance(TimeSpan.FromSeconds(61));

        var result = await new SnapshotReadinessCheck(store, staleness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("stale", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessCheck_NoLimit_HealthyHowEverOld()
    {
        var (store, staleness) = Create(maxAgeSeconds: 0, refuse: true);
        _time.Advance(TimeSpan.FromDays(365));

        var result = await new SnapshotReadinessCheck(store, staleness).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.NotNull(store.TryGetUsable(out _));
    }

    private (SnapshotStore Store, SnapshotStaleness Staleness) Create(double maxAgeSeconds, bool refuse)
    {
        var options = Options.Create(new SnapshotSyncOptions { MaxSnapshotAgeSeconds = maxAgeSeconds, RefuseWhenStale = refuse });
        var staleness = new SnapshotStaleness(options, _time);
        var store = new SnapshotStore(new SnapshotCompiler(new SecretSealer(TestSnapshots.NodeSecret)), staleness);
        Assert.True(store.Apply(TestSnapshots.Build(1, Upstream)).Applied);
        store.Confirm(1, _time.GetUtcNow());
        return (store, staleness);
    }
}
