using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Limits;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// PATCH /api/tenants/{tenantId}/keys/{keyId} (developers in the key's team, and admins; see <see cref="KeyScope"/>): changes the key's name, tags, metadata or whether
/// requests may add tags, and — tenant admins only, so a developer cannot lift a limit an admin put on a key — its rate
/// limits (<c>{}</c> removes them) and budget (<c>{"remove": true}</c> removes it); a field left out (null) keeps its value. A change of what travels in the snapshot (limits,
/// tags, the request-tags flag) bumps the config revision.
/// </summary>
public static class UpdateKey
{
    public static async Task<Results<Ok<KeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, UpdateKeyRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Limits is not null && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only a tenant admin can change a key's rate limits.");
        }

        if ((request.PolicyIds is not null || request.UseCase is not null) && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only a tenant admin can change a key's policyIds or useCase.");
        }

        if (request.Budget is not null && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only a tenant admin can change a key's budget.");
        }

        var errors = new ValidationErrors().Validate(request.Limits).Validate(request.Budget);
        if (request.Name is not null)
        {
            errors.Required("name", request.Name, VirtualKey.NameMaxLength);
        }

        KeyAttribution.Validate(errors, request.Tags, request.Metadata);
        await PolicyFields.ValidateReferencesAsync(errors, "policyIds", request.PolicyIds, tenantId, db, cancellationToken);
        PolicyFields.ValidateUseCase(errors, request.UseCase);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var key = await db.VirtualKeys.FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        if (key.IsMissing || !scope.CanSee(key.Row))
        {
            return Problems.NotFound("The key");
        }

        if (scope.RefuseChange(key.Row) is { } refused)
        {
            return refused;
        }

        var row = key.Row;
        if (request.Name is not null)
        {
            row.Name = request.Name.Trim();
        }

        if (request.Limits is not null)
        {
            row.Limits = LimitsField.Normalize(request.Limits);
        }

        if (request.Budget is not null)
        {
            row.Budget = BudgetField.Normalize(request.Budget.ToBudget());
        }

        if (request.Tags is not null)
        {
            row.Tags = KeyAttribution.NormalizeTags(request.Tags);
        }

        if (request.Metadata is not null)
        {
            row.Metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal);
        }

        if (request.AllowRequestTags is { } allow)
        {
            row.AllowRequestTags = allow;
        }

        if (request.PolicyIds is { } ids)
        {
            row.PolicyIds = PolicyFields.Normalize(ids);
        }

        if (request.UseCase is { } useCase)
        {
            row.UseCase = useCase.Length == 0 ? null : useCase;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(row.ToDto(time.GetUtcNow()));
    }
}
