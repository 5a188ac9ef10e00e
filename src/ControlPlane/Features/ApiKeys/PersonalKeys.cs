using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// Revokes a member's personal keys when they leave a team, are removed or deactivated. Marks the tracked rows only: the
/// caller's SaveChanges stores them with its own change, bumping the revision once, so every node refuses the keys with
/// the next snapshot.
/// </summary>
internal static class PersonalKeys
{
    /// <param name="teamId">Only the keys of this team; null for all of the member's personal keys.</param>
    /// <returns>How many keys were revoked.</returns>
    public static async Task<int> RevokeAsync(
        ControlPlaneDbContext db, Guid tenantId, Guid memberId, Guid? teamId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.VirtualKeys.Where(k => k.TenantId == tenantId && k.OwnerMemberId == memberId && k.Status != KeyStatus.Revoked);
        if (teamId is { } team)
        {
            query = query.Where(k => k.TeamId == team);
        }

        var keys = await query.ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            key.Status = KeyStatus.Revoked;
            key.RevokedAt = now;
        }

        return keys.Count;
    }
}
