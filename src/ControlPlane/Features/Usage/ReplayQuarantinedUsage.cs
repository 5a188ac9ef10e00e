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
/// POST /api/usage/quarantine/{recordId}/replay (platform admins): tries to store the quarantined record again (after
/// the cause was fixed, e.g. a wider column or a newer validator). Idempotent by record id. 409 with the reason when it
/// still cannot be stored.
/// </summary>
public static class ReplayQuarantinedUsage
{
    public static async Task<Results<Ok<UsageReplayResultDto>, ProblemHttpResult>> HandleAsync(
        Guid recordId, ControlPlaneDbContext db, UsageIngestor ingestor, TimeProvider time, CancellationToken cancellationToken)
    {
        var entry = await db.UsageQuarantine.AsNoTracking().FirstOrDefaultAsync(q => q.Id == recordId, cancellationToken);
        if (entry is null)
        {
            return Problems.NotFound("The quarantined usage record");
        }

        var record = JsonSerializer.Deserialize<UsageRecord>(entry.Record, SwitchyardJson.Options)!;
        if (UsageRecordValidator.Problem(record) is { } problem)
        {
            return Problems.Conflict($"The record still cannot be stored: {problem}");
        }

        UsageIngestResult result;
        try
        {
            result = await ingestor.IngestAsync(new UsageBatchReported(entry.BatchId, entry.NodeId, [record]), cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            return Problems.Conflict($"The record still cannot be stored: {ex.GetBaseException().Message}");
        }

        if (result.Quarantined > 0)
        {
            var reason = await db.UsageQuarantine.AsNoTracking().Where(q => q.Id == recordId).Select(q => q.Reason).FirstAsync(cancellationToken);
            return Problems.Conflict($"The record still cannot be stored: {reason}");
        }

        // Through SaveChanges, so the admin audit entry commits with the change.
        var replayed = await db.UsageQuarantine.FirstAsync(q => q.Id == recordId, cancellationToken);
        replayed.ResolvedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UsageReplayResultDto(result.Stored, result.AlreadyStored, result.Quarantined));
    }
}
