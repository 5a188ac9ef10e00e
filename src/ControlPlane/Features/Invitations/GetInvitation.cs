using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.TenantSettings;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>
/// GET /api/invitations/{token} (anonymous, throttled like sign-in): what the invitation page shows — email, organisation,
/// role, expiry and the password policy. An unknown link answers 404; a used, revoked or expired one 410 saying which.
/// </summary>
public static class GetInvitation
{
    public static async Task<Results<Ok<InvitationPreviewDto>, ProblemHttpResult>> HandleAsync(
        string token, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (invitation, tenant, problem) = await InvitationLinks.FindAsync(db, token, time.GetUtcNow(), cancellationToken);
        if (invitation is null)
        {
            return problem!;
        }

        var policy = await TenantSignInPolicy.ForTenantAsync(db, invitation.TenantId, cancellationToken);
        return TypedResults.Ok(new InvitationPreviewDto(invitation.Email, tenant!.Name, invitation.Role, invitation.ExpiresAt, policy.PasswordMinLength));
    }
}
