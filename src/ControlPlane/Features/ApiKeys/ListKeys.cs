using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>GET /api/tenants/{tenantId}/keys?teamId=: newest first.</summary>
public static class ListKeys
{
    public static async Task<Ok<KeyDto[]>> HandleAsync(
        Guid tenantId, Guid? teamId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = db.VirtualKeys.AsNoTracking().Where(k => k.TenantId == tenantId);
        if (teamId is { } team)
        {
            query = query.Where(k => k.TeamId == team);
        }

        var keys = await query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(keys.Select(k => k.ToDto(now)).ToArray());
    }
}
