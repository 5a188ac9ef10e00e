using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>
/// PATCH /api/tenants/{tenantId} (tenant admins): renames the tenant, sets or removes (<c>{}</c>) its rate limits, its budget, its time zone and its audit settings;
/// only platform admins change <c>active</c>.
/// Names are unique (409). A real change bumps the config revision, so a deactivated tenant's keys are refused by the
/// nodes once they load the new snapshot; an unchanged request changes nothing.
/// </summary>
public static class UpdateTenant
{
    public static async Task<Results<Ok<TenantDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, UpdateTenantRequest request, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Problems.NotFound("The tenant");
        }

        if (request.Active is { } active && active != tenant.Active && !caller.IsPlatformAdmin)
        {
            return Problems.Forbidden("Only platform administrators can activate or deactivate a tenant.");
        }

        var limitErrors = new ValidationErrors().Validate(request.Limits).Validate(request.Budget).ValidateTimeZone(request.TimeZone).ValidateAudit(request.Audit);
        if (request.DefaultPolicyId is { } policyId && policyId != Guid.Empty)
        {
            await PolicyFields.ValidateReferencesAsync(limitErrors, "defaultPolicyId", [policyId], tenantId, db, cancellationToken);
        }

        if (!limitErrors.IsValid)
        {
            return limitErrors.ToProblem();
        }

        if (request.Name is not null)
        {
            var errors = new ValidationErrors().Required("name", request.Name, Tenant.NameMaxLength);
            if (!errors.IsValid)
            {
                return errors.ToProblem();
            }

            var name = request.Name.Trim();
            if (await db.Tenants.AnyAsync(t => t.Name == name && t.Id != tenantId, cancellationToken))
            {
                return Problems.Conflict($"A tenant named '{name}' already exists.");
            }

            tenant.Name = name;
        }

        tenant.Active = request.Active ?? tenant.Active;
        if (request.Limits is not null)
        {
            tenant.Limits = LimitsField.Normalize(request.Limits);
        }

        if (request.DefaultPolicyId is { } defaultPolicy)
        {
            tenant.DefaultPolicyId = defaultPolicy == Guid.Empty ? null : defaultPolicy;
        }

        if (request.Budget is not null)
        {
            tenant.Budget = BudgetField.Normalize(request.Budget.ToBudget());
        }

        if (request.TimeZone is not null)
        {
            tenant.TimeZone = request.TimeZone.Length == 0 ? null : request.TimeZone;
        }

        if (request.Audit is not null)
        {
            tenant.Audit = AuditSettingsField.Normalize(request.Audit);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(tenant.ToDto());
    }
}
