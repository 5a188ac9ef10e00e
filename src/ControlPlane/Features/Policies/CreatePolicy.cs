using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>
/// POST /api/tenants/{tenantId}/policies (tenant admins): validates every rule as the nodes would (400 naming the field,
/// e.g. <c>guardrails[0].pattern</c>); names are unique in the tenant (409). A new policy applies to no request until the
/// tenant (<c>defaultPolicyId</c>), a team or a key refers to it.
/// </summary>
public static class CreatePolicy
{
    public static async Task<Results<Created<PolicyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, PolicyRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
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

        var name = request.Name.Trim();
        if (await db.Policies.AnyAsync(p => p.TenantId == tenantId && p.Name == name, cancellationToken))
        {
            return Problems.Conflict($"A policy named '{name}' already exists in this tenant.");
        }

        var now = time.GetUtcNow();
        var policy = new Policy { Id = Guid.CreateVersion7(), TenantId = tenantId, CreatedAt = now, UpdatedAt = now };
        PolicyFields.Apply(policy, request);
        db.Policies.Add(policy);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/policies/{policy.Id}", policy.ToDto());
    }
}
