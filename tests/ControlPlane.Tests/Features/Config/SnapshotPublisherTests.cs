using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class SnapshotPublisherTests
{
    [Fact]
    public async Task Mutation_Committed_PublishesRevisionWithHash()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var observer = new PublishedObserver();
        using var handle = host.Services.GetRequiredService<IBus>().ConnectPublishObserver(observer);

        await host.CreateTenantAsync("Acme");
        var published = await observer.Revision2.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, published.Revision);
        Assert.Equal(64, published.Hash.Length);
    }

    private sealed class PublishedObserver : IPublishObserver
    {
        private readonly TaskCompletionSource<ConfigRevisionPublished> _revision2 = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ConfigRevisionPublished> Revision2 => _revision2.Task;

        public Task PrePublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.Message is ConfigRevisionPublished { Revision: >= 2 } message)
            {
                _revision2.TrySetResult(message);
            }

            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
