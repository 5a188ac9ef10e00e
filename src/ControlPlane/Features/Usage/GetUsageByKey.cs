using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// GET /api/tenants/{tenantId}/usage/by-key: request, token and cost totals per key, busiest first, over the usage records the
/// caller may account for (a developer: their teams' keys and their personal keys, see <see cref="KeyScope.FilterUsage"/>;
/// tenant admins, finance, platform admins and admin keys: all).
/// </summary>
public static class GetUsageByKey
{
    public static async Task<Ok<UsageKeyTotalsDto[]>> HandleAsync(Guid tenantId, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        var totals = await scope.FilterUsage(
                db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId), db.VirtualKeys.Where(k => k.TenantId == tenantId))
            .GroupBy(u => new { u.KeyId, u.TeamId })
            .Select(g => new
            {
                g.Key.KeyId,
                g.Key.TeamId,
                Requests = g.LongCount(),
                Prompt = g.Sum(u => (long)u.PromptTokens),
                Completion = g.Sum(u => (long)u.CompletionTokens),
                Cost = g.Sum(u => u.CostMicros),
            })
            .ToListAsync(cancellationToken);

        var keyIds = totals.Select(t => t.KeyId).Distinct().ToList();
        var keys = await db.VirtualKeys.AsNoTracking().Where(k => k.TenantId == tenantId && keyIds.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, cancellationToken);

        return TypedResults.Ok(totals
            .Select(t => new UsageKeyTotalsDto(
                t.KeyId, keys.GetValueOrDefault(t.KeyId)?.Name ?? "(deleted key)", keys.GetValueOrDefault(t.KeyId)?.Prefix ?? "",
                t.TeamId, t.Requests, t.Prompt, t.Completion, t.Cost))
            .OrderByDescending(t => t.Requests).ThenBy(t => t.KeyId)
            .ToArray());
    }
}
