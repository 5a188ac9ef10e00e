using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>
/// PATCH /api/tenants/{tenantId}/members/{memberId} (tenant admins): changes the role and/or deactivates (<c>active: false</c>)
/// or reactivates the member. Only a platform admin can grant or take away the PlatformAdmin role; the tenant's last active
/// administrator cannot be demoted or deactivated (409). Takes effect on the member's next request, signed-in sessions
/// included (see <see cref="CurrentMemberAuthenticationHandler"/>); deactivation also revokes the member's personal keys
/// (every node refuses them with the next snapshot), and reactivation does not bring them back.
/// </summary>
public static class UpdateMember
{
    public static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid memberId, UpdateMemberRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var member = await db.Users.FindOwnedAsync(tenantId, memberId, "The member", cancellationToken);
        if (member.IsMissing)
        {
            return member.NotFound;
        }

        if (member.Row.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            return Problems.Forbidden("Only a platform admin can change a platform admin.");
        }

        var errors = new ValidationErrors();
        if (request.Role is null && request.Active is null)
        {
            errors.Add("role", "The role field is required (or active).");
        }
        else if (request.Role is { } role && !Enum.IsDefined(role))
        {
            errors.Add("role", "The role field is not a known role.");
        }
        else if (request.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            errors.Add("role", "Only a platform admin can grant the PlatformAdmin role.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var row = member.Row;
        var newRole = request.Role ?? row.Role;
        var staysAdmin = MemberAdmins.IsAdmin(newRole) && request.Active != false;
        if (MemberAdmins.IsAdmin(row.Role) && row.DeactivatedAt is null && !staysAdmin
            && !await MemberAdmins.AnyOtherAsync(db, tenantId, memberId, cancellationToken))
        {
            return Problems.Conflict("This member is the tenant's last administrator; make another member an administrator first.");
        }

        row.Role = newRole;
        var now = time.GetUtcNow();
        if (request.Active == false)
        {
            await MemberLifecycle.DeactivateAsync(db, row, now, cancellationToken);
        }
        else if (request.Active == true)
        {
            MemberLifecycle.Reactivate(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        var teams = await MemberTeams.ForTenantAsync(db, tenantId, memberId, cancellationToken);
        return TypedResults.Ok(row.ToDto([.. teams[memberId]]));
    }
}
