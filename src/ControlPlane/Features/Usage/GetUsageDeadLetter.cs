using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>GET /api/usage/dead-letters/{batchId} (platform admins): the dead letter with its records.</summary>
public static class GetUsageDeadLetter
{
    public static async Task<Results<Ok<UsageDeadLetterDetailDto>, ProblemHttpResult>> HandleAsync(
        Guid batchId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var letter = await db.UsageDeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == batchId, cancellationToken);
        if (letter is null)
        {
            return Problems.NotFound("The dead-lettered usage batch");
        }

        var batch = JsonSerializer.Deserialize<UsageBatchReported>(letter.Batch, SwitchyardJson.Options)!;
        return TypedResults.Ok(new UsageDeadLetterDetailDto(ListUsageDeadLetters.ToDto(letter), batch.Records));
    }
}
