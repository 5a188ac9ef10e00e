using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>
/// POST /api/admin-keys (platform admins): a platform key (no tenant, PlatformAdmin role). The key is returned once and
/// stored only as its hash and display prefix.
/// </summary>
public static class CreatePlatformAdminKey
{
    public static async Task<Results<Created<CreatedAdminKeyDto>, ValidationProblem>> HandleAsync(
        CreateAdminKeyRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, AdminApiKey.NameMaxLength);
        if (request.Role is { } role && role != MemberRole.PlatformAdmin)
        {
            errors.Add("role", "A platform key always has the PlatformAdmin role; create tenant keys at /api/tenants/{tenantId}/admin-keys.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var secret = AdminKeyFormat.Generate();
        var key = AdminApiKey.Create(secret, request.Name.Trim(), tenantId: null, MemberRole.PlatformAdmin, time.GetUtcNow());
        db.AdminApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin-keys/{key.Id}", new CreatedAdminKeyDto(key.ToDto(), secret));
    }
}
