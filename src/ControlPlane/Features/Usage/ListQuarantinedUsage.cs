using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>GET /api/usage/quarantine?includeResolved=&amp;limit= (platform admins): newest first; resolved ones only when asked.</summary>
public static class ListQuarantinedUsage
{
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<QuarantinedUsageDto[]>, ValidationProblem>> HandleAsync(
        bool? includeResolved, int? limit, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxLimit)
        {
            return new ValidationErrors().Add("limit", $"The limit field must be between 1 and {MaxLimit}.").ToProblem();
        }

        var query = db.UsageQuarantine.AsNoTracking();
        if (includeResolved != true)
        {
            query = query.Where(q => q.ResolvedAt == null);
        }

        var entries = await query.OrderByDescending(q => q.QuarantinedAt).ThenBy(q => q.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(ToDto).ToArray());
    }

    internal static QuarantinedUsageDto ToDto(UsageQuarantineEntry q) => new(
        q.Id, q.BatchId, q.NodeId, q.TenantId, q.Reason, q.QuarantinedAt, q.ResolvedAt,
        JsonSerializer.Deserialize<UsageRecord>(q.Record, SwitchyardJson.Options)!);
}
