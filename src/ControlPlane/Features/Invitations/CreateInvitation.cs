using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>
/// POST /api/tenants/{tenantId}/invitations (tenant admins): invites a person by email with a tenant role and optional teams.
/// Answers the one-time token (shown once; only its hash is stored) and the portal path of the link, <c>/invite/{token}</c>,
/// good for <c>expiresInDays</c> (1–30, default 7). A new invitation for the same email replaces the pending one. An email
/// that already has an account answers 409; only a platform admin can invite a platform admin.
/// </summary>
public static class CreateInvitation
{
    public const int DefaultExpiryDays = 7;
    public const int MaxExpiryDays = 30;

    public static async Task<Results<Created<CreatedInvitationDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateInvitationRequest request, Caller caller, UserManager<Member> users, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("email", request.Email, 256);
        if (!string.IsNullOrWhiteSpace(request.Email) && !new EmailAddressAttribute().IsValid(request.Email.Trim()))
        {
            errors.Add("email", "The email field is not a valid email address.");
        }

        if (!Enum.IsDefined(request.Role))
        {
            errors.Add("role", "The role field is not a known role.");
        }
        else if (request.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            errors.Add("role", "Only a platform admin can grant the PlatformAdmin role.");
        }

        if (request.ExpiresInDays is { } days and (< 1 or > MaxExpiryDays))
        {
            errors.Add("expiresInDays", $"The expiresInDays field must be between 1 and {MaxExpiryDays}.");
        }

        var teams = (request.Teams ?? []).DistinctBy(t => t.TeamId).ToList();
        if (teams.Any(t => !Enum.IsDefined(t.Role)))
        {
            errors.Add("teams", "A team role is not a known team role.");
        }

        var teamIds = teams.Select(t => t.TeamId).ToList();
        var known = await db.Teams.Where(t => t.TenantId == tenantId && teamIds.Contains(t.Id)).CountAsync(cancellationToken);
        if (known != teamIds.Count)
        {
            errors.Add("teams", "A team was not found in this tenant.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var email = request.Email.Trim();
        var normalized = users.NormalizeEmail(email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(m => m.NormalizedEmail == normalized || m.NormalizedUserName == normalized, cancellationToken))
        {
            return Problems.Conflict("A member with this email already exists.");
        }

        var now = time.GetUtcNow();
        var pending = await db.Invitations.Where(i => i.TenantId == tenantId && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var earlier in pending.Where(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            earlier.RevokedAt = now;
        }

        var token = InvitationToken.New();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Email = email,
            Role = request.Role,
            Teams = teams.Count == 0 ? null : teams,
            TokenHash = InvitationToken.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.ExpiresInDays ?? DefaultExpiryDays),
            CreatedBy = caller.Audit,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/tenants/{tenantId}/invitations/{invitation.Id}",
            new CreatedInvitationDto(invitation.ToDto(), token, "/invite/" + token));
    }
}
