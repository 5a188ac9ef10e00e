using MassTransit;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// The last line for a usage batch on RabbitMQ: when <see cref="UsageBatchReportedConsumer"/> could not even dead-letter
/// it (the database was away through every retry), MassTransit moves the message to the error queue and publishes its
/// <c>Fault</c>; this stores the batch as a dead letter, retrying for a long time, so it shows up in the admin API and
/// can be replayed. (A fault of a batch sent as a request goes back to the node instead, which keeps its spool file.)
/// </summary>
public sealed class UsageBatchFaultedConsumer(UsageDeadLetterStore deadLetters, ILogger<UsageBatchFaultedConsumer> logger)
    : IConsumer<Fault<UsageBatchReported>>
{
    public async Task Consume(ConsumeContext<Fault<UsageBatchReported>> context)
    {
        var batch = context.Message.Message;
        var error = context.Message.Exceptions.FirstOrDefault();
        var reason = error is null ? "The batch faulted." : $"{error.ExceptionType}: {error.Message}";
        await deadLetters.AddAsync(batch, reason, context.CancellationToken);
        UsageLog.BatchDeadLettered(logger, batch.BatchId, batch.NodeId, batch.Records.Count, null);
    }
}
