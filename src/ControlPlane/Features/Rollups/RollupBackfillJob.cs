using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Adds the usage records stored before rollups existed (listed in <see cref="RollupBackfillItem"/> by the migration) to
/// the hourly rollups, a chunk per transaction: the chunk's items are claimed with <c>DELETE … RETURNING</c> in the
/// transaction that adds their records, so a crash loses nothing (the transaction rolls back) and two runs never count a
/// record twice (the second's delete finds the rows gone). Nothing to do once the list is empty; records purged by
/// retention meanwhile are skipped.
/// </summary>
public sealed class RollupBackfillJob(ControlPlaneDbContext db)
{
    public const string Id = "switchyard-rollup-backfill";
    public const int ChunkSize = 1000;

    /// <summary>Returns the number of records added to the rollups.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier("RollupBackfill");
        var id = sql.DelimitIdentifier("Id");
        var claim = $"DELETE FROM {table} WHERE {id} IN (SELECT {id} FROM {table} ORDER BY {id} LIMIT {ChunkSize}) RETURNING {id}";
        var added = 0;
        while (true)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var ids = new List<Guid>(ChunkSize);
                await using (var command = db.Database.GetDbConnection().CreateCommand())
                {
                    command.CommandText = claim;
                    command.Transaction = transaction.GetDbTransaction();
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetGuid(0));
                    }
                }

                if (ids.Count == 0)
                {
                    return added;
                }

                var records = await db.UsageRecords.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
                await RollupWriter.AddAsync(db, records, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                added += records.Count;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
