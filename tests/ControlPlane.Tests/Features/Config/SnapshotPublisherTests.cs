using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class SnapshotPublisherTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Mutation_Committed_PublishesRevisionWithHash()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var observer = new PublishedObserver();
        using var handle = host.Services.GetRequiredService<IBus>().ConnectPublishObserver(observer);

        await host.CreateTenantAsync("Acme");
        var published = await observer.WaitForAsync(2);

        Assert.Equal(2, published.Revision);
        Assert.Equal(64, published.Hash.Length);
    }

    [Fact]
    public async Task Burst_300KeysWithinOneWindow_PublishesOneSnapshotOfTheLatestRevision()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var observer = new PublishedObserver();
        using var handle = host.Services.GetRequiredService<IBus>().ConnectPublishObserver(observer);
        await WaitForStartupBuildAsync(host);
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Automation");

        for (var i = 0; i < 300; i++)
        {
            var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, $"key-{i}"), SwitchyardJson.Options);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var latest = await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
        time.Advance(Window);
        var published = await observer.WaitForAsync(latest);

        Assert.Equal(303, latest);
        Assert.Equal([latest], observer.Revisions.Where(r => r > 1));
        Assert.Equal(published.Hash, await host.WithDbAsync(db => db.ConfigRevisions.Where(r => r.Revision == latest).Select(r => r.Hash).SingleAsync()));
    }

    [Fact]
    public async Task Change_AfterAQuietWindow_PublishedWithoutWaiting()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var observer = new PublishedObserver();
        using var handle = host.Services.GetRequiredService<IBus>().ConnectPublishObserver(observer);
        await WaitForStartupBuildAsync(host);
        time.Advance(Window);

        await host.CreateTenantAsync("Acme");
        var published = await observer.WaitForAsync(2);

        Assert.Equal(2, published.Revision);
    }

    /// <summary>Waits until the publisher built revision 1 at start; it builds nothing more until the window has passed.</summary>
    private static async Task WaitForStartupBuildAsync(ControlPlaneTestHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await host.WithDbAsync(db => db.ConfigRevisions.AnyAsync(r => r.Revision == 1 && r.Hash != "", timeout.Token)))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class PublishedObserver : IPublishObserver
    {
        private readonly ConcurrentQueue<ConfigRevisionPublished> _published = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public IReadOnlyList<long> Revisions => _published.Select(p => p.Revision).ToList();

        public async Task<ConfigRevisionPublished> WaitForAsync(long revision)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                if (_published.FirstOrDefault(p => p.Revision >= revision) is { } found)
                {
                    return found;
                }

                await _arrived.WaitAsync(timeout.Token);
            }
        }

        public Task PrePublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.Message is ConfigRevisionPublished message)
            {
                _published.Enqueue(message);
                _arrived.Release();
            }

            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
