using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>GET /api/usage/dead-letters?includeReplayed=&amp;limit= (platform admins): newest first; replayed ones only when asked.</summary>
public static class ListUsageDeadLetters
{
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<UsageDeadLetterDto[]>, ValidationProblem>> HandleAsync(
        bool? includeReplayed, int? limit, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxLimit)
        {
            return new ValidationErrors().Add("limit", $"The limit field must be between 1 and {MaxLimit}.").ToProblem();
        }

        var query = db.UsageDeadLetters.AsNoTracking();
        if (includeReplayed != true)
        {
            query = query.Where(d => d.ReplayedAt == null);
        }

        var letters = await query.OrderByDescending(d => d.FailedAt).ThenBy(d => d.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(letters.Select(ToDto).ToArray());
    }

    internal static UsageDeadLetterDto ToDto(UsageDeadLetter d) =>
        new(d.Id, d.NodeId, d.RecordCount, d.Reason, d.FailedAt, d.Failures, d.ReplayedAt);
}
