using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>Validates a policy body with the rules the nodes apply, and the <c>policyIds</c>/<c>defaultPolicyId</c>/<c>useCase</c> fields of keys, teams and tenants.</summary>
public static class PolicyFields
{
    public const int MaxPolicyIds = 10;

    public static ValidationErrors Validate(PolicyRequest request)
    {
        var found = new List<ConfigFieldError>();
        PolicyValidator.Validate(request.Name, request.Dlp, request.Guardrails, request.UseCases, request.StreamHoldBack, found);
        PolicyValidator.ValidateRegions(request.Regions, found);
        var errors = new ValidationErrors().Add("", found);
        if (request.Description is { Length: > Policy.DescriptionMaxLength })
        {
            errors.Add("description", $"The description field must be at most {Policy.DescriptionMaxLength} characters.");
        }

        return errors;
    }

    /// <summary>Adds an error to <c>guardrails[i].credentialId</c> for a moderation rule whose credential is not the tenant's.</summary>
    public static async Task ValidateCredentialsAsync(
        ValidationErrors errors, PolicyRequest request, Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var named = (request.Guardrails ?? []).Select((rule, index) => (rule?.CredentialId, index)).Where(r => r.CredentialId is not null).ToList();
        if (named.Count == 0)
        {
            return;
        }

        var ids = named.Select(r => r.CredentialId!.Value).Distinct().ToList();
        var known = await db.ProviderCredentials.Where(c => c.TenantId == tenantId && ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var (id, index) in named.Where(r => !known.Contains(r.CredentialId!.Value)))
        {
            errors.Add($"guardrails[{index}].credentialId", $"No credential {id} exists in this tenant.");
        }
    }

    public static void Apply(Policy policy, PolicyRequest request)
    {
        policy.Name = request.Name.Trim();
        policy.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        policy.Dlp = request.Dlp is { Count: > 0 } dlp ? [.. dlp] : null;
        policy.Guardrails = request.Guardrails is { Count: > 0 } guardrails ? [.. guardrails] : null;
        policy.UseCases = request.UseCases?.ToDictionary(u => u.Key, u => u.Value.ToList(), StringComparer.Ordinal);
        policy.StreamHoldBack = request.StreamHoldBack;
        policy.Regions = request.Regions is { Count: > 0 } regions ? [.. regions] : null;
    }

    /// <summary>Adds an error to <paramref name="field"/> unless every id names a policy of the tenant (at most <see cref="MaxPolicyIds"/>, no duplicates).</summary>
    public static async Task ValidateReferencesAsync(
        ValidationErrors errors, string field, IReadOnlyCollection<Guid>? ids, Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (ids is not { Count: > 0 })
        {
            return;
        }

        if (ids.Count > MaxPolicyIds || ids.Distinct().Count() != ids.Count)
        {
            errors.Add(field, $"At most {MaxPolicyIds} policies, each listed once.");
            return;
        }

        var known = await db.Policies.Where(p => p.TenantId == tenantId && ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var missing = ids.Except(known).ToList();
        if (missing.Count > 0)
        {
            errors.Add(field, $"No policy {string.Join(", ", missing)} exists in this tenant.");
        }
    }

    /// <summary>Adds an error to <c>useCase</c> unless it is null or an identifier (lowercase letters, digits, '-', '_', '.').</summary>
    public static void ValidateUseCase(ValidationErrors errors, string? useCase)
    {
        if (useCase is not null && useCase.Length > 0 && !PolicyNames.IsIdentifier(useCase))
        {
            errors.Add("useCase", "A use case is 1–64 characters: lowercase letters, digits, '-', '_' and '.'.");
        }
    }

    /// <summary>An empty list (or empty use case) clears the field; null leaves it as it is (the caller checks for null first).</summary>
    public static List<Guid>? Normalize(IReadOnlyList<Guid> ids) => ids.Count == 0 ? null : [.. ids];
}
