using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>
/// POST /api/invitations/{token}/accept (anonymous, throttled like sign-in): creates the invited member with the password
/// (the tenant's password policy applies: 400 naming <c>password</c>), puts them in the invitation's teams, uses the link up
/// and signs them in like <c>POST /api/auth/login</c> — or answers 202 with the TOTP enrolment step when the tenant
/// requires it. A used, revoked or expired link answers 410, an unknown one 404.
/// </summary>
public static class AcceptInvitation
{
    public static async Task<Results<Ok<LoginResponse>, Accepted<SignInStepDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string token, AcceptInvitationRequest request, bool? useCookies, UserManager<Member> users, ControlPlaneDbContext db,
        TenantQuotas quotas, SignInChallenges challenges, MemberSessions sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (invitation, _, problem) = await InvitationLinks.FindAsync(db, token, now, cancellationToken);
        if (invitation is null)
        {
            return problem!;
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            return new ValidationErrors().Add("password", "The password field is required (at most 1024 characters).").ToProblem();
        }

        var tenantQuotas = await quotas.ForTenantAsync(db, invitation.TenantId, cancellationToken);
        if (await tenantQuotas.Members.RefusesOneMoreAsync(QuotaUsage.Members(db, invitation.TenantId), cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var normalized = users.NormalizeEmail(invitation.Email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(m => m.NormalizedEmail == normalized || m.NormalizedUserName == normalized, cancellationToken))
        {
            return Problems.Conflict("An account with this email already exists: sign in instead.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            TenantId = invitation.TenantId,
            Email = invitation.Email,
            UserName = invitation.Email,
            EmailConfirmed = true,
            Role = invitation.Role,
            CreatedAt = now,
            Source = MemberSource.Local,
        };
        var created = await users.CreateAsync(member, request.Password);
        if (!created.Succeeded)
        {
            var errors = new ValidationErrors();
            foreach (var error in created.Errors)
            {
                errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }

            return errors.ToProblem();
        }

        var existingTeams = (invitation.Teams ?? []).Select(t => t.TeamId).ToList();
        var stillThere = await db.Teams.IgnoreQueryFilters().Where(t => t.TenantId == invitation.TenantId && existingTeams.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var team in (invitation.Teams ?? []).Where(t => stillThere.Contains(t.TeamId)))
        {
            db.TeamMemberships.Add(new TeamMembership { TenantId = invitation.TenantId, TeamId = team.TeamId, MemberId = member.Id, Role = team.Role, CreatedAt = now });
        }

        invitation.AcceptedAt = now;
        invitation.AcceptedMemberId = member.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (await NextSignInStep.ForAsync(member, db, challenges, cancellationToken) is { } step)
        {
            return TypedResults.Accepted((string?)null, step);
        }

        return TypedResults.Ok(await sessions.StartAsync(member, useCookies, cancellationToken));
    }
}
