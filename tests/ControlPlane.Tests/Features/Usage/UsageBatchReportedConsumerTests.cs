using System.Net.Http.Json;
using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

public sealed class UsageBatchReportedConsumerTests
{
    private static readonly Guid TenantId = Guid.CreateVersion7();
    private static readonly Guid KeyId = Guid.CreateVersion7();

    [Fact]
    public async Task Consume_SameBatchTwice_CountedOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(3);

        await ConsumeAsync(host, batch);
        await ConsumeAsync(host, batch);

        Assert.Equal(3, await host.WithDbAsync(db => db.UsageRecords.CountAsync()));
    }

    [Fact]
    public async Task Consume_OverlappingBatchesConcurrently_EachRecordOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(20);
        var overlapping = batch with { BatchId = Guid.NewGuid(), Records = batch.Records.Skip(10).Concat(Batch(5).Records).ToList() };

        await Task.WhenAll(ConsumeAsync(host, batch), ConsumeAsync(host, overlapping), ConsumeAsync(host, batch));

        Assert.Equal(25, await host.WithDbAsync(db => db.UsageRecords.CountAsync()));
    }

    [Fact]
    public async Task Bus_RedeliveredBatch_TotalsCountOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var batch = Batch(4, tenant.Id);
        var observer = new ConsumedObserver(expected: 2);
        var bus = host.Services.GetRequiredService<IBus>();
        using var handle = bus.ConnectConsumeMessageObserver(observer);

        await bus.Publish(batch);
        await bus.Publish(batch);
        await observer.Done.WaitAsync(TimeSpan.FromSeconds(30));

        var totals = await host.Admin.GetFromJsonAsync<UsageKeyTotalsDto[]>($"/api/tenants/{tenant.Id}/usage/by-key", SwitchyardJson.Options);
        var total = Assert.Single(totals!);
        Assert.Equal(4, total.Requests);
        Assert.Equal(40, total.PromptTokens);
        var records = await host.Admin.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage?limit=2", SwitchyardJson.Options);
        Assert.Equal(2, records!.Length);
        Assert.True(records[0].Timestamp >= records[1].Timestamp);
    }

    [Fact]
    public async Task Bus_BatchSentAsRequest_AnsweredOnlyOnceStored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(4);
        var client = host.Services.GetRequiredService<IBus>().CreateRequestClient<UsageBatchReported>(RequestTimeout.After(s: 30));

        var response = await client.GetResponse<UsageBatchAccepted>(batch);

        Assert.Equal((batch.BatchId, 4), (response.Message.BatchId, response.Message.Records));
        Assert.Equal(4, await host.WithDbAsync(db => db.UsageRecords.CountAsync()));
    }

    private static UsageBatchReported Batch(int count, Guid? tenantId = null)
    {
        var start = DateTimeOffset.UtcNow;
        var records = Enumerable.Range(0, count).Select(i => new UsageRecord(
            Guid.CreateVersion7(), start.AddMilliseconds(i), "node-1", tenantId ?? TenantId, Guid.Empty, KeyId, "chat.completions", "mock-gpt",
            null, null, "mock", "mock-gpt", false, 10, 5, 200, null, 12.5, null)).ToList();
        return new UsageBatchReported(Guid.NewGuid(), "node-1", records);
    }

    private static async Task ConsumeAsync(ControlPlaneTestHost host, UsageBatchReported batch)
    {
        await using var scope = host.CreateScope();
        var consumer = new UsageBatchReportedConsumer(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>());
        await consumer.Consume(FakeConsumeContext.For(batch));
    }

    private sealed class ConsumedObserver(int expected) : IConsumeMessageObserver<UsageBatchReported>
    {
        private int _count;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        public Task PreConsume(ConsumeContext<UsageBatchReported> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<UsageBatchReported> context)
        {
            if (Interlocked.Increment(ref _count) >= expected)
            {
                _done.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<UsageBatchReported> context, Exception exception)
        {
            _done.TrySetException(exception);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A ConsumeContext that only answers Message and CancellationToken: enough to drive a consumer directly.</summary>
public class FakeConsumeContext : DispatchProxy
{
    private object? _message;

    public static ConsumeContext<T> For<T>(T message)
        where T : class
    {
        var proxy = Create<ConsumeContext<T>, FakeConsumeContext>();
        ((FakeConsumeContext)(object)proxy)._message = message;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_Message" => _message,
        "get_CancellationToken" => CancellationToken.None,
        "get_ResponseAddress" => null,
        _ => throw new NotSupportedException(targetMethod?.Name),
    };
}
