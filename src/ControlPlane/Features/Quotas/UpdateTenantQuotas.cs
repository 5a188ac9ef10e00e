using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>
/// PUT /api/tenants/{tenantId}/quotas (platform admins only, so a tenant admin cannot raise their own): replaces the tenant's
/// overrides; null keeps the configured default. A quota lowered below current usage keeps what exists and refuses more.
/// </summary>
public static class UpdateTenantQuotas
{
    public static async Task<Results<Ok<TenantQuotasDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, TenantQuotaOverrides request, Caller caller, ControlPlaneDbContext db, TenantQuotas quotas, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return Problems.NotFound("The tenant");
        }

        var errors = new ValidationErrors();
        InRange(errors, "keys", request.Keys, 0, QuotaOptions.MaxCount);
        InRange(errors, "routes", request.Routes, 0, QuotaOptions.MaxCount);
        InRange(errors, "deploymentsPerRoute", request.DeploymentsPerRoute, 1, RouteRules.MaxDeployments);
        InRange(errors, "allowedModelsPerKey", request.AllowedModelsPerKey, 0, QuotaOptions.MaxAllowedModelsPerKey);
        InRange(errors, "credentials", request.Credentials, 0, QuotaOptions.MaxCount);
        InRange(errors, "teams", request.Teams, 0, QuotaOptions.MaxCount);
        InRange(errors, "members", request.Members, 0, QuotaOptions.MaxCount);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var row = await db.TenantQuotas.FirstOrDefaultAsync(q => q.TenantId == tenantId, cancellationToken);
        if (row is null)
        {
            row = new TenantQuota { TenantId = tenantId };
            db.TenantQuotas.Add(row);
        }

        row.Set(request);
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = caller.Audit;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await GetTenantQuotas.ToDtoAsync(tenantId, row.ToOverrides(), db, quotas, cancellationToken));
    }

    private static void InRange(ValidationErrors errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"The {field} field must be between {min} and {max}, or null for the default.");
        }
    }
}
