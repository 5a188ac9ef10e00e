using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// POST /api/usage/dead-letters/{batchId}/replay (platform admins): ingests the batch again, like the consumer does.
/// Records already stored are skipped, so a replay — or a second one — never counts a record twice; records that
/// cannot be stored are quarantined. 409 when the database still refuses the batch (it stays dead-lettered).
/// </summary>
public static class ReplayUsageDeadLetter
{
    public static async Task<Results<Ok<UsageReplayResultDto>, ProblemHttpResult>> HandleAsync(
        Guid batchId, ControlPlaneDbContext db, UsageIngestor ingestor, TimeProvider time, CancellationToken cancellationToken)
    {
        var letter = await db.UsageDeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == batchId, cancellationToken);
        if (letter is null)
        {
            return Problems.NotFound("The dead-lettered usage batch");
        }

        var batch = JsonSerializer.Deserialize<UsageBatchReported>(letter.Batch, SwitchyardJson.Options)!;
        UsageIngestResult result;
        try
        {
            result = await ingestor.IngestAsync(batch, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            return Problems.Conflict($"The batch still cannot be stored: {ex.GetBaseException().Message}");
        }

        // Through SaveChanges, so the admin audit entry commits with the change.
        var replayed = await db.UsageDeadLetters.FirstAsync(d => d.Id == batchId, cancellationToken);
        replayed.ReplayedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UsageReplayResultDto(result.Stored, result.AlreadyStored, result.Quarantined));
    }
}
