using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>POST /api/tenants/{tenantId}/teams (tenant admins). Team names are unique within a tenant regardless of case (409 naming <c>name</c>); the <c>teams</c> quota applies (409).</summary>
public static class CreateTeam
{
    public static async Task<Results<Created<TeamDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateTeamRequest request, ControlPlaneDbContext db, TenantQuotas quotas, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, Team.NameMaxLength).Validate(request.Limits).Validate(request.Budget)
            .ValidateCostCenter(request.CostCenter);
        await PolicyFields.ValidateReferencesAsync(errors, "policyIds", request.PolicyIds, tenantId, db, cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name.Trim();
        if (await TeamNames.TakenAsync(db, tenantId, name, Guid.Empty, cancellationToken))
        {
            return TeamNames.Conflict(name);
        }

        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (await tenantQuotas.Teams.RefusesOneMoreAsync(QuotaUsage.Teams(db, tenantId), cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var team = new Team { Id = Guid.CreateVersion7(), TenantId = tenantId, Name = name, CreatedAt = time.GetUtcNow(), Limits = LimitsField.Normalize(request.Limits),
            PolicyIds = request.PolicyIds is { } ids ? PolicyFields.Normalize(ids) : null,
            Budget = BudgetField.Normalize(request.Budget), CostCenter = CostCenterField.Normalize(request.CostCenter),
        };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return TeamNames.Conflict(name);
        }

        return TypedResults.Created($"/api/tenants/{tenantId}/teams/{team.Id}", team.ToDto());
    }
}
