using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>
/// PATCH /api/tenants/{tenantId}/members/{memberId} (tenant admins): changes the role. Only a platform admin can grant or
/// take away the PlatformAdmin role; the tenant's last administrator cannot be demoted (409). Takes effect on the member's
/// next request, signed-in sessions included (see <see cref="CurrentMemberAuthenticationHandler"/>).
/// </summary>
public static class UpdateMember
{
    public static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid memberId, UpdateMemberRequest request, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var member = await db.Users.FindOwnedAsync(tenantId, memberId, "The member", cancellationToken);
        if (member.IsMissing)
        {
            return member.NotFound;
        }

        if (member.Row.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            return Problems.Forbidden("Only a platform admin can change a platform admin's role.");
        }

        var errors = new ValidationErrors();
        if (request.Role is not { } role)
        {
            errors.Add("role", "The role field is required.");
        }
        else if (!Enum.IsDefined(role))
        {
            errors.Add("role", "The role field is not a known role.");
        }
        else if (role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            errors.Add("role", "Only a platform admin can grant the PlatformAdmin role.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var newRole = request.Role!.Value;
        if (MemberAdmins.IsAdmin(member.Row.Role) && !MemberAdmins.IsAdmin(newRole)
            && !await MemberAdmins.AnyOtherAsync(db, tenantId, memberId, cancellationToken))
        {
            return Problems.Conflict("This member is the tenant's last administrator; make another member an administrator first.");
        }

        member.Row.Role = newRole;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(member.Row.ToDto());
    }
}
