using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>
/// POST /api/tenants/{tenantId}/admin-keys (tenant admins): an automation credential for this tenant with a role no higher
/// than the caller's (Developer, Finance or TenantAdmin; never PlatformAdmin). The key is returned once and stored only as
/// its hash and display prefix.
/// </summary>
public static class CreateAdminKey
{
    public static async Task<Results<Created<CreatedAdminKeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateAdminKeyRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, AdminApiKey.NameMaxLength);
        if (request.Role is not { } role)
        {
            errors.Add("role", "The role field is required.");
        }
        else if (!Enum.IsDefined(role))
        {
            errors.Add("role", "The role field is not a known role.");
        }
        else if (role == MemberRole.PlatformAdmin)
        {
            errors.Add("role", "A tenant key cannot have the PlatformAdmin role; platform keys are created at /api/admin-keys.");
        }
        else if (role > caller.Role)
        {
            errors.Add("role", "A key cannot have a higher role than its creator.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var secret = AdminKeyFormat.Generate();
        var key = AdminApiKey.Create(secret, request.Name.Trim(), tenantId, request.Role!.Value, time.GetUtcNow());
        db.AdminApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/admin-keys/{key.Id}", new CreatedAdminKeyDto(key.ToDto(), secret));
    }
}
