using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>
/// DELETE /api/tenants/{tenantId}/policies/{policyId} (tenant admins): 409 while the tenant (as its default), a team or a
/// key still refers to it, so removing a policy never silently lifts a rule. Bumps the config revision.
/// </summary>
public static class DeletePolicy
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid policyId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.Policies.FindOwnedAsync(tenantId, policyId, "The policy", cancellationToken);
        if (policy.IsMissing)
        {
            return policy.NotFound;
        }

        if (await db.Tenants.AnyAsync(t => t.Id == tenantId && t.DefaultPolicyId == policyId, cancellationToken))
        {
            return Problems.Conflict("The policy is the tenant's default policy; set another default (or none) first.");
        }

        // Lists of ids live in JSON text columns: filter in memory among the tenant's rows that have any.
        var teams = await db.Teams.AsNoTracking().Where(t => t.TenantId == tenantId && t.PolicyIds != null).Select(t => t.PolicyIds).ToListAsync(cancellationToken);
        var keys = await db.VirtualKeys.AsNoTracking().Where(k => k.TenantId == tenantId && k.PolicyIds != null).Select(k => k.PolicyIds).ToListAsync(cancellationToken);
        var users = teams.Count(ids => ids!.Contains(policyId)) + keys.Count(ids => ids!.Contains(policyId));
        if (users > 0)
        {
            return Problems.Conflict($"{users} team(s) or key(s) still refer to the policy; remove it from their policyIds first.");
        }

        db.Policies.Remove(policy.Row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
