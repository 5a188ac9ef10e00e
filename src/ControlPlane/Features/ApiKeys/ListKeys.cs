using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// GET /api/tenants/{tenantId}/keys?teamId=&amp;expiringWithinDays=: newest first, only the teams the caller may see
/// (<see cref="KeyScope"/>). <c>expiringWithinDays</c> (1 to 3650) lists the active keys whose expiry, or whose replaced
/// secret's grace period after a rotation, ends within that many days, soonest first.
/// </summary>
public static class ListKeys
{
    public const int MaxExpiringWithinDays = 3650;

    public static async Task<Results<Ok<KeyDto[]>, ValidationProblem>> HandleAsync(
        Guid tenantId, Guid? teamId, int? expiringWithinDays, Caller caller, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (expiringWithinDays is < 1 or > MaxExpiringWithinDays)
        {
            return new ValidationErrors().Add("expiringWithinDays", $"The expiringWithinDays field must be between 1 and {MaxExpiringWithinDays}.").ToProblem();
        }

        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        var query = scope.Filter(db.VirtualKeys.AsNoTracking().Where(k => k.TenantId == tenantId));
        if (teamId is { } team)
        {
            query = query.Where(k => k.TeamId == team);
        }

        var now = time.GetUtcNow();
        List<VirtualKey> keys;
        if (expiringWithinDays is { } days)
        {
            var until = now.AddDays(days);
            keys = (await query.Where(k => k.Status == KeyStatus.Active).ToListAsync(cancellationToken))
                .Where(k => (k.ExpiresAt > now && k.ExpiresAt <= until) || (k.PreviousSecretLive(now) && k.PreviousExpiresAt <= until))
                .OrderBy(k => Soonest(k, now)).ThenBy(k => k.Id).ToList();
        }
        else
        {
            keys = await query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        }

        var ids = keys.Select(k => k.Id).ToList();
        var lastUsed = await db.UsageRecords.AsNoTracking()
            .Where(u => u.TenantId == tenantId && ids.Contains(u.KeyId))
            .GroupBy(u => u.KeyId)
            .Select(g => new { KeyId = g.Key, Last = g.Max(u => u.Timestamp) })
            .ToDictionaryAsync(x => x.KeyId, x => x.Last, cancellationToken);
        return TypedResults.Ok(keys.Select(k => k.ToDto(now, lastUsed.TryGetValue(k.Id, out var last) ? last : null)).ToArray());
    }

    private static DateTimeOffset Soonest(VirtualKey key, DateTimeOffset now) =>
        key.PreviousSecretLive(now) && (key.ExpiresAt is null || key.PreviousExpiresAt < key.ExpiresAt) ? key.PreviousExpiresAt!.Value : key.ExpiresAt!.Value;
}
