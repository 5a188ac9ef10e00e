using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// PUT /api/platform/egress (platform admins): replaces the platform's egress allow-list. Entries are validated one by one
/// (errors name them, e.g. allowedNetworks[1]) and stored in normal form; a change bumps the config revision, so every
/// node applies it with the next snapshot. Sending the list it already has changes nothing.
/// </summary>
public static class UpdateEgressPolicy
{
    public static async Task<Results<Ok<EgressPolicyDto>, ValidationProblem>> HandleAsync(
        EgressPolicyRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var allowList = EgressAllowList.TryCreate(request.AllowedHosts, request.AllowedNetworks, out var problems);
        if (allowList is null)
        {
            var errors = new ValidationErrors();
            foreach (var problem in problems)
            {
                var list = problem.List == EgressAllowListError.HostsList ? "allowedHosts" : "allowedNetworks";
                errors.Add(problem.Index is { } index ? $"{list}[{index}]" : list, problem.Message);
            }

            return errors.ToProblem();
        }

        var policy = await db.PlatformEgressPolicies.FirstOrDefaultAsync(p => p.Id == PlatformEgressPolicy.SingletonId, cancellationToken);
        if (policy is not null && policy.ToAllowList().Equals(allowList))
        {
            return TypedResults.Ok(policy.ToDto());
        }

        if (policy is null)
        {
            policy = new PlatformEgressPolicy();
            db.PlatformEgressPolicies.Add(policy);
        }

        policy.AllowedHosts = [.. allowList.Hosts];
        policy.AllowedNetworks = [.. allowList.Networks];
        policy.UpdatedAt = time.GetUtcNow();
        policy.UpdatedBy = caller.Audit;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(policy.ToDto());
    }
}
