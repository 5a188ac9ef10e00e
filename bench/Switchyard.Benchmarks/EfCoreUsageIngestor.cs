using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

using Switchyard.ControlPlane.Features.Usage;

namespace Switchyard.Benchmarks;

/// <summary>
/// <c>UsageIngestor</c> as it was before ingestion was batched (commit d944d15), kept verbatim as the benchmarks'
/// baseline: existence query for the batch's ids, then <c>AddRange</c> + <c>SaveChanges</c> of the new ones in one
/// transaction (change tracking), a retry on a lost insert race, one by one after a refused value.
/// </summary>
public sealed class EfCoreUsageIngestor(ControlPlaneDbContext db, TimeProvider time)
{
    private const int Attempts = 2;
    private const int MaxReasonLength = 2000;

    public async Task<UsageIngestResult> IngestAsync(UsageBatchReported batch, CancellationToken cancellationToken)
    {
        var records = batch.Records.DistinctBy(r => r.Id).ToList();
        var valid = new List<UsageRecord>(records.Count);
        var refused = new List<(UsageRecord Record, string Reason)>();
        foreach (var record in records)
        {
            if (UsageRecordValidator.Problem(record) is { } problem)
            {
                refused.Add((record, problem));
            }
            else
            {
                valid.Add(record);
            }
        }

        int stored;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                stored = await InsertNewAsync(valid, cancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (attempt < Attempts && DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException ex) when (DbErrors.IsDataError(ex))
            {
                db.ChangeTracker.Clear();
                stored = await InsertOneByOneAsync(valid, refused, cancellationToken);
                break;
            }
        }

        await QuarantineAsync(batch, refused, cancellationToken);
        return new UsageIngestResult(stored, records.Count - stored - refused.Count, refused.Count);
    }

    private async Task<int> InsertNewAsync(List<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return 0;
        }

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
        db.ChangeTracker.Clear();
        return fresh.Count;
    }

    /// <summary>The slow path after the database refused a batch: each record on its own; refused ones are quarantined.</summary>
    private async Task<int> InsertOneByOneAsync(List<UsageRecord> records, List<(UsageRecord, string)> refused, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var record in records)
        {
            if (await db.UsageRecords.AsNoTracking().IgnoreQueryFilters().AnyAsync(u => u.Id == record.Id, cancellationToken))
            {
                continue;
            }

            db.UsageRecords.Add(UsageRecordEntity.From(record));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stored++;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Stored by a concurrent delivery meanwhile.
            }
            catch (DbUpdateException ex) when (DbErrors.IsDataError(ex))
            {
                refused.Add((record, "The database refused the record: " + DatabaseMessage(ex)));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return stored;
    }

    private async Task QuarantineAsync(UsageBatchReported batch, List<(UsageRecord Record, string Reason)> refused, CancellationToken cancellationToken)
    {
        if (refused.Count == 0)
        {
            return;
        }

        var ids = refused.Select(r => r.Record.Id).ToList();
        var existing = (await db.UsageQuarantine.AsNoTracking().Where(q => ids.Contains(q.Id)).Select(q => q.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        foreach (var (record, reason) in refused.Where(r => !existing.Contains(r.Record.Id)))
        {
            db.UsageQuarantine.Add(new UsageQuarantineEntry
            {
                Id = record.Id,
                BatchId = batch.BatchId,
                NodeId = Cut(batch.NodeId ?? "", UsageRecordLimits.NodeId),
                TenantId = record.TenantId,
                Reason = Cut(reason, MaxReasonLength),
                Record = JsonSerializer.Serialize(record, SwitchyardJson.Options),
                QuarantinedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string DatabaseMessage(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        { } inner => inner.Message,
        null => exception.Message,
    };

    private static string Cut(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
