using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// PATCH /api/tenants/{tenantId}/teams/{teamId} (tenant admins and the team's admins): renames (names are unique within a
/// tenant regardless of case, 409) and sets or removes (<c>{}</c>) the team's rate limits and its budget, and sets (or with "" removes) its
/// cost centre; a null field is left unchanged. A team admin who is no tenant admin changes only the rate limits, each no
/// higher than the tenant's own (403 otherwise).
/// </summary>
public static class UpdateTeam
{
    public static async Task<Results<Ok<TeamDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, UpdateTeamRequest request, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.IsTenantAdmin)
        {
            if (request.Name is not null || request.PolicyIds is not null || request.Budget is not null || request.CostCenter is not null)
            {
                return Problems.Forbidden("A team admin can change only the team's rate limits; ask a tenant admin for its name, policies, budget or cost centre.");
            }

            var tenantLimits = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Limits).FirstOrDefaultAsync(cancellationToken);
            if (request.Limits is { } limits && TeamLimits.Exceeds(limits, tenantLimits) is { } field)
            {
                return Problems.Forbidden($"The team's {field} cannot exceed the tenant's; ask a tenant admin.");
            }
        }

        var team = await db.Teams.FindOwnedAsync(tenantId, teamId, "The team", cancellationToken);
        if (team.IsMissing)
        {
            return team.NotFound;
        }

        var errors = new ValidationErrors().Validate(request.Limits).Validate(request.Budget).ValidateCostCenter(request.CostCenter);
        await PolicyFields.ValidateReferencesAsync(errors, "policyIds", request.PolicyIds, tenantId, db, cancellationToken);
        if (request.Name is not null || (request.Limits is null && request.PolicyIds is null && request.Budget is null && request.CostCenter is null))
        {
            errors.Required("name", request.Name, Team.NameMaxLength);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (request.Name is not null)
        {
            var name = request.Name.Trim();
            if (await TeamNames.TakenAsync(db, tenantId, name, teamId, cancellationToken))
            {
                return TeamNames.Conflict(name);
            }

            team.Row.Name = name;
        }

        if (request.Limits is not null)
        {
            team.Row.Limits = LimitsField.Normalize(request.Limits);
        }

        if (request.PolicyIds is { } ids)
        {
            team.Row.PolicyIds = PolicyFields.Normalize(ids);
        }

        if (request.Budget is not null)
        {
            team.Row.Budget = BudgetField.Normalize(request.Budget.ToBudget());
        }

        if (request.CostCenter is not null)
        {
            team.Row.CostCenter = CostCenterField.Normalize(request.CostCenter);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return TeamNames.Conflict(team.Row.Name);
        }

        return TypedResults.Ok(team.Row.ToDto());
    }
}
