using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>DELETE /api/tenants/{tenantId}/invitations/{invitationId} (tenant admins): the link stops working; an accepted invitation answers 409.</summary>
public static class RevokeInvitation
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid invitationId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FindOwnedAsync(tenantId, invitationId, "The invitation", cancellationToken);
        if (invitation.IsMissing)
        {
            return invitation.NotFound;
        }

        if (invitation.Row.AcceptedAt is not null)
        {
            return Problems.Conflict("This invitation was already accepted; remove the member instead.");
        }

        invitation.Row.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
