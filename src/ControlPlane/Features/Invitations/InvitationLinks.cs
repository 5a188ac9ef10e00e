using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>Finds the invitation behind a link's token, or the answer that says clearly why the link no longer works.</summary>
internal static class InvitationLinks
{
    public static async Task<(Invitation? Invitation, Tenant? Tenant, ProblemHttpResult? Problem)> FindAsync(
        ControlPlaneDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!InvitationToken.IsWellFormed(token))
        {
            return (null, null, NotValid());
        }

        var hash = InvitationToken.Hash(token);
        var invitation = await db.Invitations.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return (null, null, NotValid());
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == invitation.TenantId, cancellationToken);
        var problem = invitation switch
        {
            { AcceptedAt: not null } => Gone("Invitation already used", "This invitation link was already used. Sign in with the password you set, or ask an administrator for a new invitation."),
            { RevokedAt: not null } => Gone("Invitation revoked", "This invitation was withdrawn. Ask an administrator of your organisation for a new one."),
            _ when now >= invitation.ExpiresAt => Gone("Invitation expired", $"This invitation expired on {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask an administrator of your organisation for a new one."),
            _ when tenant is null || !tenant.Active => Gone("Organisation deactivated", "The organisation of this invitation is deactivated."),
            _ => null,
        };
        return problem is null ? (invitation, tenant, null) : (null, null, problem);
    }

    private static ProblemHttpResult NotValid() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Invitation not found",
        Detail = "This invitation link is not valid. Check that the whole link was copied, or ask an administrator for a new one.",
    });

    private static ProblemHttpResult Gone(string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status410Gone, Title = title, Detail = detail });
}
