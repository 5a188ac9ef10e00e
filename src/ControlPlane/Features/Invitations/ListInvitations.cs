using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>GET /api/tenants/{tenantId}/invitations (tenant admins): the pending invitations (not accepted, revoked or expired), newest first.</summary>
public static class ListInvitations
{
    public static async Task<Ok<InvitationDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Where(i => i.IsPendingAt(now)).OrderByDescending(i => i.CreatedAt).Select(i => i.ToDto()).ToArray());
    }
}
