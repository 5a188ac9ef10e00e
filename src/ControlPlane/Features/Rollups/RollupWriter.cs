using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Adds usage records to the hourly rollups and marks their days for <see cref="DailyRollupJob"/>, in the caller's
/// transaction. Tables are always written in this order (rollups, buckets, tags, days), each in its global key order.
/// </summary>
internal static class RollupWriter
{
    public static async Task AddAsync(ControlPlaneDbContext db, IEnumerable<UsageRecordEntity> records, CancellationToken cancellationToken)
    {
        var batch = RollupBatch.From(records);
        await AdditiveUpsert<UsageRollup>.For(db).AddAsync(db, batch.Rollups, cancellationToken);
        await AdditiveUpsert<UsageRollupBucket>.For(db).AddAsync(db, batch.Buckets, cancellationToken);
        await AdditiveUpsert<UsageTagRollup>.For(db).AddAsync(db, batch.Tags, cancellationToken);
        await AdditiveUpsert<RollupDirtyDay>.For(db).AddAsync(db, batch.Days, cancellationToken);
    }
}
