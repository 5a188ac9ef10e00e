using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>GET /api/tenants/{tenantId}/policies/{policyId}.</summary>
public static class GetPolicy
{
    public static async Task<Results<Ok<PolicyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid policyId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.Policies.AsNoTracking().FindOwnedAsync(tenantId, policyId, "The policy", cancellationToken);
        return policy.IsMissing ? policy.NotFound : TypedResults.Ok(policy.Row.ToDto());
    }
}
