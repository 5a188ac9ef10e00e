using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// POST /api/tenants/{tenantId}/keys (developers and admins). The secret is returned once and stored only as its hash
/// and display prefix. Bumps the config revision.
/// </summary>
public static class CreateKey
{
    public static async Task<Results<Created<CreatedKeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateKeyRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new ValidationErrors().Required("name", request.Name, VirtualKey.NameMaxLength);
        if (request.TeamId == Guid.Empty)
        {
            errors.Add("teamId", "The teamId field is required.");
        }
        else if (!await db.Teams.AnyAsync(t => t.Id == request.TeamId && t.TenantId == tenantId, cancellationToken))
        {
            errors.Add("teamId", "The team does not exist in this tenant.");
        }

        var models = request.AllowedModels ?? [];
        if (models.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("allowedModels", "Model names must not be empty.");
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add("expiresAt", "The expiry must be in the future.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var secret = VirtualKeyHash.Generate();
        var key = new VirtualKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            TeamId = request.TeamId,
            Name = request.Name.Trim(),
            Hash = VirtualKeyHash.Compute(secret),
            Prefix = VirtualKeyHash.DisplayPrefix(secret),
            AllowedModels = models.Select(m => m.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Status = KeyStatus.Active,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedAt = now,
            CreatedBy = caller.Audit,
        };
        db.VirtualKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/keys/{key.Id}", new CreatedKeyDto(key.ToDto(now), secret));
    }
}
