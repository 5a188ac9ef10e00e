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

    [Fact]
    public async Task Consume_BatchWithOverlongModelAndErrorCode_StoresTheOthersAndQuarantinesThose()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(5);
        var records = batch.Records.ToList();
        records[1] = records[1] with { Model = new string('m', UsageRecordLimits.Model + 1) };
        records[3] = records[3] with { ErrorCode = new string('e', UsageRecordLimits.ErrorCode + 50) };
        batch = batch with { Records = records };

        await ConsumeAsync(host, batch);
        await ConsumeAsync(host, batch);

        var stored = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Select(u => u.Id).ToListAsync());
        var quarantined = await host.WithDbAsync(db => db.UsageQuarantine.OrderBy(q => q.Id).ToListAsync());
        Assert.Equal(new[] { records[0].Id, records[2].Id, records[4].Id }.Order(), stored.Order());
        Assert.Equal(new[] { records[1].Id, records[3].Id }.Order(), quarantined.Select(q => q.Id));
        Assert.Contains(quarantined, q => q.Reason.StartsWith("model is 201 characters", StringComparison.Ordinal));
        Assert.Contains(quarantined, q => q.Reason.StartsWith("errorCode is 150 characters", StringComparison.Ordinal));
        Assert.All(quarantined, q => Assert.Equal(batch.BatchId, q.BatchId));
    }

    [Fact]
    public async Task Consume_RecordsWithAttempts_StoredAndListedWithTheirAttempts()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var batch = Batch(2, tenant.Id);
        var routeId = Guid.CreateVersion7();
        UsageAttempt[] attempts =
        [
            new(routeId, Guid.CreateVersion7(), "openai", 503, "upstream_error", 40.5),
            new(Guid.CreateVersion7(), Guid.CreateVersion7(), "anthropic", 200, null, 812),
        ];
        var withAttempts = batch.Records[0] with { Attempts = attempts };
        batch = batch with { Records = [withAttempts, batch.Records[1]] };

        await ConsumeAsync(host, batch);

        var records = (await host.Admin.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options))!;
        Assert.Equal(attempts, records.Single(r => r.Id == withAttempts.Id).Attempts!);
        Assert.Null(records.Single(r => r.Id != withAttempts.Id).Attempts);
    }

    [Fact]
    public async Task Consume_RecordWithTooManyOrInvalidAttempts_QuarantinedWithTheReason()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(4);
        var attempt = new UsageAttempt(Guid.CreateVersion7(), Guid.CreateVersion7(), "openai", 503, "upstream_error", 40);
        var records = batch.Records.ToList();
        records[0] = records[0] with { Attempts = Enumerable.Repeat(attempt, UsageRecordLimits.MaxAttempts).ToArray() };
        records[1] = records[1] with { Attempts = Enumerable.Repeat(attempt, UsageRecordLimits.MaxAttempts + 1).ToArray() };
        records[2] = records[2] with { Attempts = [attempt, attempt with { LatencyMs = -1 }] };
        records[3] = records[3] with { Attempts = [attempt with { ErrorCode = new string('e', UsageRecordLimits.ErrorCode + 1) }] };

        await ConsumeAsync(host, batch with { Records = records });

        Assert.Equal([records[0].Id], await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Select(u => u.Id).ToListAsync()));
        var reasons = await host.WithDbAsync(db => db.UsageQuarantine.ToDictionaryAsync(q => q.Id, q => q.Reason));
        Assert.StartsWith($"attempts has {UsageRecordLimits.MaxAttempts + 1} entries", reasons[records[1].Id], StringComparison.Ordinal);
        Assert.StartsWith("attempts[1].latencyMs", reasons[records[2].Id], StringComparison.Ordinal);
        Assert.StartsWith("attempts[0].errorCode", reasons[records[3].Id], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bus_DatabaseRefusesEveryAttempt_BatchDeadLetteredAndAnswered()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(3);
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE UsageRecords RENAME TO UsageRecordsAway"));
        var client = host.Services.GetRequiredService<IBus>().CreateRequestClient<UsageBatchReported>(RequestTimeout.After(s: 60));

        var response = await client.GetResponse<UsageBatchAccepted>(batch);

        var letter = Assert.Single(await host.WithDbAsync(db => db.UsageDeadLetters.ToListAsync()));
        Assert.Equal((batch.BatchId, 3, 1), (letter.Id, letter.RecordCount, letter.Failures));
        Assert.Contains("UsageRecords", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(batch.BatchId, response.Message.BatchId);
    }

    [Fact]
    public async Task ConsumeFault_BatchThatCouldNotBeDeadLettered_StoredAsDeadLetter()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var batch = Batch(2);
        await using var scope = host.CreateScope();
        var consumer = ActivatorUtilities.CreateInstance<UsageBatchFaultedConsumer>(scope.ServiceProvider);

        await consumer.Consume(FakeConsumeContext.For(FakeFault.For(batch, "NpgsqlException", "The database is down.")));

        var letter = Assert.Single(await host.WithDbAsync(db => db.UsageDeadLetters.ToListAsync()));
        Assert.Equal((batch.BatchId, "NpgsqlException: The database is down."), (letter.Id, letter.Reason));
    }

    private static async Task ConsumeAsync(ControlPlaneTestHost host, UsageBatchReported batch)
    {
        await using var scope = host.CreateScope();
        var consumer = ActivatorUtilities.CreateInstance<UsageBatchReportedConsumer>(scope.ServiceProvider);
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
        "TryGetPayload" => false, // no retry context: a first attempt
        _ => throw new NotSupportedException(targetMethod?.Name),
    };
}

/// <summary>A MassTransit <see cref="Fault{T}"/> of a message, as the fault consumer receives it.</summary>
public class FakeFault : DispatchProxy
{
    private object? _message;
    private ExceptionInfo[] _exceptions = [];

    public static Fault<T> For<T>(T message, string exceptionType, string error)
        where T : class
    {
        var proxy = Create<Fault<T>, FakeFault>();
        var fake = (FakeFault)(object)proxy;
        fake._message = message;
        var info = Create<ExceptionInfo, FakeExceptionInfo>();
        ((FakeExceptionInfo)(object)info).Set(exceptionType, error);
        fake._exceptions = [info];
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_Message" => _message,
        "get_Exceptions" => _exceptions,
        _ => throw new NotSupportedException(targetMethod?.Name),
    };
}

public class FakeExceptionInfo : DispatchProxy
{
    private string _type = "";
    private string _message = "";

    public void Set(string type, string message)
    {
        _type = type;
        _message = message;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_ExceptionType" => _type,
        "get_Message" => _message,
        _ => throw new NotSupportedException(targetMethod?.Name),
    };
}
