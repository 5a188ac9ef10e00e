using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// PATCH /api/tenants/{tenantId}/keys/{keyId} (tenant admins): renames the key and sets or removes (<c>{}</c>) its rate
/// limits; a null field is left unchanged. A real change bumps the config revision.
/// </summary>
public static class UpdateKey
{
    public static async Task<Results<Ok<KeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, UpdateKeyRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        if (key.IsMissing)
        {
            return key.NotFound;
        }

        var errors = new ValidationErrors().Validate(request.Limits);
        if (request.Name is not null)
        {
            errors.Required("name", request.Name, VirtualKey.NameMaxLength);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (request.Name is not null)
        {
            key.Row.Name = request.Name.Trim();
        }

        if (request.Limits is not null)
        {
            key.Row.Limits = LimitsField.Normalize(request.Limits);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(key.Row.ToDto(time.GetUtcNow()));
    }
}
