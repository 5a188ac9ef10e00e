using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Stores a batch of usage records so that no record can fail the others and nothing is counted twice:
/// <list type="bullet">
/// <item>a record the <see cref="UsageRecordValidator"/> refuses is quarantined with the reason (kept for replay);</item>
/// <item>the others are inserted in one transaction with <c>INSERT … ON CONFLICT (id) DO NOTHING</c>
/// (<see cref="UsageRecordInsert"/>, which returns the ids it stored): the database skips ids already stored, so a redelivery counts once, and a concurrent
/// delivery of the same ids waits for the other one's transaction and then skips them (rows go in id order, so two
/// overlapping batches cannot deadlock);</item>
/// <item>when the database still refuses a row's values, the records are stored one by one and each refused one is
/// quarantined with the database's reason;</item>
/// <item>every <see cref="IUsageIngestStep"/> gets the newly stored records in the inserting transaction (exactly once).</item>
/// </list>
/// Anything else (the database is down, a bug) is thrown: the caller retries and, in the end, dead-letters the batch.
/// </summary>
public sealed class UsageIngestor(ControlPlaneDbContext db, TimeProvider time, IEnumerable<IUsageIngestStep> steps)
{
    private readonly IUsageIngestStep[] _steps = steps.ToArray();

    private const int MaxReasonLength = 2000;

    public async Task<UsageIngestResult> IngestAsync(UsageBatchReported batch, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>(batch.Records.Count);
        var valid = new List<UsageRecord>(batch.Records.Count);
        var refused = new List<(UsageRecord Record, string Reason)>();
        foreach (var record in batch.Records)
        {
            if (!seen.Add(record.Id))
            {
                continue;
            }

            if (UsageRecordValidator.Problem(record) is { } problem)
            {
                refused.Add((record, problem));
            }
            else
            {
                valid.Add(record);
            }
        }

        valid.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var rows = valid.ConvertAll(UsageRecordEntity.From);
        var insert = UsageRecordInsert.For(db);
        int stored;
        try
        {
            stored = await InsertAsync(insert, rows, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsDataError(ex))
        {
            stored = await InsertOneByOneAsync(insert, valid, rows, refused, cancellationToken);
        }

        await QuarantineAsync(batch, refused, cancellationToken);
        return new UsageIngestResult(stored, seen.Count - stored - refused.Count, refused.Count);
    }

    /// <summary>
    /// All rows and the steps' work, or nothing, in one transaction. The rows are stamped (<see cref="UsageRecordEntity.IngestedAt"/>)
    /// inside it, after <see cref="IngestCutoff"/>: a statement closing meanwhile either sees them or closes before their stamp.
    /// </summary>
    private async Task<int> InsertAsync(UsageRecordInsert insert, IReadOnlyList<UsageRecordEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await IngestCutoff.EnterIngestAsync(db, rows.Select(r => r.TenantId), cancellationToken);
            var now = time.GetUtcNow();
            foreach (var row in rows)
            {
                row.IngestedAt = now;
            }

            var stored = await insert.InsertAsync(db, rows, cancellationToken);
            if (stored.Count > 0)
            {
                foreach (var step in _steps)
                {
                    await step.OnStoredAsync(db, stored, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return stored.Count;
        }
        catch
        {
            db.ChangeTracker.Clear(); // whatever a step tracked was rolled back with the insert
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The slow path after the database refused a batch: each record on its own; refused ones are quarantined.</summary>
    private async Task<int> InsertOneByOneAsync(
        UsageRecordInsert insert, List<UsageRecord> records, List<UsageRecordEntity> rows, List<(UsageRecord, string)> refused,
        CancellationToken cancellationToken)
    {
        var stored = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                stored += await InsertAsync(insert, [rows[i]], cancellationToken);
            }
            catch (DbUpdateException ex) when (DbErrors.IsDataError(ex))
            {
                refused.Add((records[i], "The database refused the record: " + DatabaseMessage(ex)));
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
