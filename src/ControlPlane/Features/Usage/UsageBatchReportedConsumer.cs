using MassTransit;
using Switchyard.ControlPlane.Infrastructure.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Stores a node's usage batch through <see cref="UsageIngestor"/>: every storable record once (by id), every record
/// that cannot be stored quarantined with the reason, so one bad record never fails the others. A batch that still
/// fails as a whole (the database is away, a bug) is retried by the endpoint's retry policy; on the last attempt it is
/// dead-lettered in the database (visible to platform admins, replayable) instead of failing. Only when even that is
/// impossible does the message fault: on RabbitMQ it then waits in the error queue and its <c>Fault</c> is stored by
/// <see cref="UsageBatchFaultedConsumer"/> once the database is back; a node on the in-memory bus keeps its spool file.
/// A batch sent as a request (in-memory bus) is answered with <see cref="UsageBatchAccepted"/> once it is stored or
/// dead-lettered.
/// </summary>
public sealed class UsageBatchReportedConsumer(
    UsageIngestor ingestor, UsageDeadLetterStore deadLetters, ControlPlaneMetrics metrics, ILogger<UsageBatchReportedConsumer> logger)
    : IConsumer<UsageBatchReported>
{
    public async Task Consume(ConsumeContext<UsageBatchReported> context)
    {
        var batch = context.Message;
        try
        {
            var result = await ingestor.IngestAsync(batch, context.CancellationToken);
            metrics.BatchIngested(batch, result.Stored, result.AlreadyStored, result.Quarantined);
            if (result.Quarantined > 0)
            {
                UsageLog.RecordsQuarantined(logger, result.Quarantined, batch.BatchId, batch.NodeId);
            }
        }
        catch (Exception ex) when (context.GetRetryAttempt() >= UsageBatchReportedConsumerDefinition.RetryIntervalsMs.Length
                                   && ex is not OperationCanceledException)
        {
            await deadLetters.AddAsync(batch, $"{ex.GetType().Name}: {ex.GetBaseException().Message}", context.CancellationToken);
            metrics.BatchDeadLettered();
            UsageLog.BatchDeadLettered(logger, batch.BatchId, batch.NodeId, batch.Records.Count, ex);
        }

        if (context.ResponseAddress is not null && context.IsResponseAccepted<UsageBatchAccepted>())
        {
            await context.RespondAsync(new UsageBatchAccepted(batch.BatchId, batch.Records.Count));
        }
    }
}
