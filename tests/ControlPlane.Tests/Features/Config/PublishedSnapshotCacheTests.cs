using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class PublishedSnapshotCacheTests
{
    [Fact]
    public async Task NodeFetch_RevisionsNotYetPublished_ServesThePublishedSnapshotWithoutBuilding()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await host.WaitUntilPublishedAsync();
        await host.CreateTenantAsync("Acme");
        await host.CreateTenantAsync("Globex");
        var node = host.CreateClient(ControlPlaneTestHost.NodeSecret);

        // The publisher waits out its window (fake time) before building revisions 2 and 3; nodes fetching meanwhile get 1.
        var duringWindow = await node.GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options);
        var revisionDuringWindow = await node.GetFromJsonAsync<RevisionInfo>(InternalRoutes.Revision, SwitchyardJson.Options);
        var compiledDuringWindow = await CompiledAsync(host);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await host.WaitUntilPublishedAsync();
        var afterWindow = await node.GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options);

        Assert.Equal((1, 1), (duringWindow!.Revision, revisionDuringWindow!.Revision));
        Assert.Equal([1], compiledDuringWindow);
        Assert.Equal(3, afterWindow!.Revision);
        Assert.Equal(["Acme", "Globex"], afterWindow.Tenants.Select(t => t.Name).Order());
        Assert.Equal([1, 3], await CompiledAsync(host));
    }

    [Fact]
    public async Task NodeFetch_SnapshotBuiltByAnotherControlPlane_ServedHereToo()
    {
        await using var first = await ControlPlaneTestHost.StartAsync();
        var database = first.App.Configuration["ConnectionStrings:ControlPlane"];
        await using var second = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:ControlPlane"] = database });
        await second.WaitUntilPublishedAsync();

        await first.CreateTenantAsync("Acme");
        await first.WaitUntilPublishedAsync();
        var servedBySecond = await second.CreateClient(ControlPlaneTestHost.NodeSecret).GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options);

        Assert.Equal(2, servedBySecond!.Revision);
        Assert.Contains(servedBySecond.Tenants, t => t.Name == "Acme");
    }

    /// <summary>The revisions a snapshot was compiled for (the builder stores the hash on the revision it built).</summary>
    private static Task<List<long>> CompiledAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => db.ConfigRevisions.Where(r => r.Hash != "").OrderBy(r => r.Revision).Select(r => r.Revision).ToListAsync());
}
