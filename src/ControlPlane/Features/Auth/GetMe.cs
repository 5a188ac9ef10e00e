using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>GET /api/me, a member with their teams. An admin key answers with its id, "admin-key:{name}" as email and an empty tenant when it is a platform key.</summary>
public static class GetMe
{
    public static async Task<Results<Ok<CurrentUserDto>, ProblemHttpResult>> HandleAsync(
        Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (caller.IsAdminKey)
        {
            var key = await db.AdminApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == caller.SubjectId, cancellationToken);
            var keyTenant = caller.TenantId is { } id ? await db.Tenants.FindAsync([id], cancellationToken) : null;
            return TypedResults.Ok(new CurrentUserDto(
                caller.SubjectId, "admin-key:" + (key?.Name ?? ""), caller.TenantId ?? Guid.Empty, keyTenant?.Name ?? "", caller.Role));
        }

        var member = await db.Users.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Id == caller.SubjectId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("The member");
        }

        var tenant = await db.Tenants.FindAsync([member.TenantId], cancellationToken);
        var teams = await Members.MemberTeams.ForTenantAsync(db, member.TenantId, member.Id, cancellationToken);
        return TypedResults.Ok(new CurrentUserDto(member.Id, member.Email ?? "", member.TenantId, tenant?.Name ?? "", member.Role, [.. teams[member.Id]]));
    }
}
