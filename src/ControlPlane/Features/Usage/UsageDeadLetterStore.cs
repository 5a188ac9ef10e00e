using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Keeps a usage batch that could not be ingested, whole, until a platform admin replays it.</summary>
public sealed class UsageDeadLetterStore(ControlPlaneDbContext db, TimeProvider time)
{
    private const int MaxReasonLength = 2000;

    /// <summary>Stores (or, for a batch dead-lettered before, updates) the dead letter of <paramref name="batch"/>.</summary>
    public async Task AddAsync(UsageBatchReported batch, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var letter = await db.UsageDeadLetters.FirstOrDefaultAsync(d => d.Id == batch.BatchId, cancellationToken);
        if (letter is null)
        {
            letter = new UsageDeadLetter
            {
                Id = batch.BatchId,
                NodeId = (batch.NodeId ?? "").Length <= UsageRecordLimits.NodeId ? batch.NodeId ?? "" : batch.NodeId![..UsageRecordLimits.NodeId],
                RecordCount = batch.Records.Count,
                Batch = JsonSerializer.Serialize(batch, SwitchyardJson.Options),
            };
            db.UsageDeadLetters.Add(letter);
        }

        letter.Reason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
        letter.FailedAt = now;
        letter.Failures++;
        letter.ReplayedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
