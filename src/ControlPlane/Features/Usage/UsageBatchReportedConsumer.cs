using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Stores a node's usage batch idempotently: in one transaction it looks up which record ids are already stored and
/// inserts only the others, so a redelivered batch is counted once. Losing an insert race to a concurrent delivery
/// raises a unique violation; the batch is then re-run (and retried by the endpoint's retry policy beyond that).
/// A batch sent as a request (in-memory bus) is answered with <see cref="UsageBatchAccepted"/> once stored.
/// </summary>
public sealed class UsageBatchReportedConsumer(ControlPlaneDbContext db) : IConsumer<UsageBatchReported>
{
    private const int Attempts = 2;

    public async Task Consume(ConsumeContext<UsageBatchReported> context)
    {
        var records = context.Message.Records.DistinctBy(r => r.Id).ToList();
        for (var attempt = 1; records.Count > 0; attempt++)
        {
            try
            {
                await InsertNewAsync(records, context.CancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (attempt < Attempts && DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
        }

        if (context.ResponseAddress is not null && context.IsResponseAccepted<UsageBatchAccepted>())
        {
            await context.RespondAsync(new UsageBatchAccepted(context.Message.BatchId, records.Count));
        }
    }

    private async Task InsertNewAsync(List<UsageRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.UsageRecords.AsNoTracking().IgnoreQueryFilters()
            .Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = records.Where(r => !existing.Contains(r.Id)).Select(UsageRecordEntity.From).ToList();
        if (fresh.Count > 0)
        {
            db.UsageRecords.AddRange(fresh);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
