using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>POST /api/tenants (platform admins). Bumps the config revision.</summary>
public static class CreateTenant
{
    public static async Task<Results<Created<TenantDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateTenantRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, Tenant.NameMaxLength).Validate(request.Limits).Validate(request.Budget).ValidateTimeZone(request.TimeZone);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name.Trim();
        if (await db.Tenants.AnyAsync(t => t.Name == name, cancellationToken))
        {
            return Problems.Conflict($"A tenant named '{name}' already exists.");
        }

        var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = name, Active = true, CreatedAt = time.GetUtcNow(), Limits = LimitsField.Normalize(request.Limits),
            Budget = BudgetField.Normalize(request.Budget), TimeZone = string.IsNullOrEmpty(request.TimeZone) ? null : request.TimeZone,
        };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant.Id}", tenant.ToDto());
    }
}
