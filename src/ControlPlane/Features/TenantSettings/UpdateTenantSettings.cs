using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TenantSettings;

/// <summary>
/// PATCH /api/tenants/{tenantId}/settings (tenant admins): <c>passwordMinLength</c> (12–128) applies to passwords set from
/// now on (new members, accepted invitations); <c>requireTotp</c> makes every local member without TOTP enrol at their next
/// sign-in before they get a session (sessions already open are not ended). Null fields stay as they are.
/// </summary>
public static class UpdateTenantSettings
{
    public static async Task<Results<Ok<TenantSettingsDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, UpdateTenantSettingsRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.PasswordMinLength is { } length and (< TenantSignInPolicy.MinimumPasswordLength or > TenantSignInPolicy.MaximumPasswordLength))
        {
            errors.Add("passwordMinLength", $"The passwordMinLength field must be between {TenantSignInPolicy.MinimumPasswordLength} and {TenantSignInPolicy.MaximumPasswordLength}.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var policy = await db.TenantSignInPolicies.FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        if (policy is null)
        {
            policy = new TenantSignInPolicy { TenantId = tenantId };
            db.TenantSignInPolicies.Add(policy);
        }

        policy.PasswordMinLength = request.PasswordMinLength ?? policy.PasswordMinLength;
        policy.RequireTotp = request.RequireTotp ?? policy.RequireTotp;
        policy.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(policy.ToDto());
    }
}
