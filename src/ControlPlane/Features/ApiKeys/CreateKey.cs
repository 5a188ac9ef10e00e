using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// POST /api/tenants/{tenantId}/keys (developers in their own teams, and admins; see <see cref="KeyScope"/>): a team's
/// service key, or with <c>personal</c> the caller's own key in that team. The secret is returned once and stored only as its hash
/// and display prefix. Bumps the config revision. Each allowed model is a public model name (at most
/// <see cref="RouteRules.PublicModelMaxLength"/> characters); the tenant's <c>keys</c> and <c>allowedModelsPerKey</c> quotas apply (409).
/// Tags and metadata follow <see cref="KeyAttribution"/>.
/// </summary>
public static class CreateKey
{
    public static async Task<Results<Created<CreatedKeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateKeyRequest request, Caller caller, ControlPlaneDbContext db, TenantQuotas quotas, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request.Budget is not null && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only a tenant admin can set a key's budget.");
        }

        var now = time.GetUtcNow();
        var errors = new ValidationErrors().Required("name", request.Name, VirtualKey.NameMaxLength);
        if (request.TeamId == Guid.Empty)
        {
            errors.Add("teamId", "The teamId field is required.");
        }
        else if (!await db.Teams.AnyAsync(t => t.Id == request.TeamId && t.TenantId == tenantId, cancellationToken)
                 || !(await KeyScope.ForAsync(caller, tenantId, db, cancellationToken)).CanSeeTeam(request.TeamId))
        {
            errors.Add("teamId", "The team does not exist in this tenant, or you are not a member of it.");
        }

        if (request.Personal && caller.IsAdminKey)
        {
            errors.Add("personal", "An admin key is not a person: it can create only service keys.");
        }

        var models = request.AllowedModels ?? [];
        if (models.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("allowedModels", "Model names must not be empty.");
        }

        if (models.Any(m => m?.Trim().Length > RouteRules.PublicModelMaxLength))
        {
            errors.Add("allowedModels", $"Model names must be at most {RouteRules.PublicModelMaxLength} characters, like a route's publicModel.");
        }

        KeyAttribution.Validate(errors, request.Tags, request.Metadata);
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add("expiresAt", "The expiry must be in the future.");
        }

        errors.Validate(request.Limits).Validate(request.Budget);
        if ((request.PolicyIds is { Count: > 0 } || !string.IsNullOrEmpty(request.UseCase)) && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only a tenant admin can set a key's policyIds or useCase.");
        }

        await PolicyFields.ValidateReferencesAsync(errors, "policyIds", request.PolicyIds, tenantId, db, cancellationToken);
        PolicyFields.ValidateUseCase(errors, request.UseCase);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var allowedModels = models.Select(m => m.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (tenantQuotas.AllowedModelsPerKey.RefusesList(allowedModels.Count, "allowedModels") is { } tooManyModels)
        {
            return tooManyModels;
        }

        if (await tenantQuotas.Keys.RefusesOneMoreAsync(QuotaUsage.Keys(db, tenantId), cancellationToken) is { } tooManyKeys)
        {
            return tooManyKeys;
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
            AllowedModels = allowedModels,
            Status = KeyStatus.Active,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedAt = now,
            CreatedBy = caller.Audit,
            OwnerMemberId = request.Personal ? caller.SubjectId : null,
            Limits = LimitsField.Normalize(request.Limits),
            Tags = KeyAttribution.NormalizeTags(request.Tags),
            Metadata = request.Metadata is null ? [] : new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
            AllowRequestTags = request.AllowRequestTags,
            PolicyIds = request.PolicyIds is { } ids ? PolicyFields.Normalize(ids) : null,
            UseCase = string.IsNullOrEmpty(request.UseCase) ? null : request.UseCase,
            Budget = BudgetField.Normalize(request.Budget),
        };
        db.VirtualKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/keys/{key.Id}", new CreatedKeyDto(key.ToDto(now), secret));
    }
}
