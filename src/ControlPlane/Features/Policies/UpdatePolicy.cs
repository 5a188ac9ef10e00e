using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>PUT /api/tenants/{tenantId}/policies/{policyId} (tenant admins): replaces the policy's rules; bumps the config revision.</summary>
public static class UpdatePolicy
{
    public static async Task<Results<Ok<PolicyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid policyId, PolicyRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = PolicyFields.Validate(request);
        if (errors.IsValid)
        {
            await PolicyFields.ValidateCredentialsAsync(errors, request, tenantId, db, cancellationToken);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var policy = await db.Policies.FindOwnedAsync(tenantId, policyId, "The policy", cancellationToken);
        if (policy.IsMissing)
        {
            return policy.NotFound;
        }

        var name = request.Name.Trim();
        if (await db.Policies.AnyAsync(p => p.TenantId == tenantId && p.Name == name && p.Id != policyId, cancellationToken))
        {
            return Problems.Conflict($"A policy named '{name}' already exists in this tenant.");
        }

        PolicyFields.Apply(policy.Row, request);
        policy.Row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(policy.Row.ToDto());
    }
}
