using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>Validation of a tenant's <see cref="AuditSettings"/> (the <c>audit</c> field of PATCH /api/tenants/{tenantId}).</summary>
public static class AuditSettingsField
{
    public const int MaxUseCaseModes = 50;
    public const int MaxUseCaseLength = 64;

    public static ValidationErrors ValidateAudit(this ValidationErrors errors, AuditSettings? audit)
    {
        if (audit is null)
        {
            return errors;
        }

        if (!AuditModes.IsValid(audit.Mode))
        {
            errors.Add("audit.mode", "The audit.mode field must be one of full, metadata, off.");
        }

        if (audit.RetentionDays is < 1 or > 36500)
        {
            errors.Add("audit.retentionDays", "The audit.retentionDays field must be between 1 and 36500.");
        }

        if (audit.UseCaseModes is { } overrides)
        {
            if (overrides.Count > MaxUseCaseModes)
            {
                errors.Add("audit.useCaseModes", $"The audit.useCaseModes field may have at most {MaxUseCaseModes} entries.");
            }

            foreach (var (useCase, mode) in overrides)
            {
                if (string.IsNullOrWhiteSpace(useCase) || useCase.Length > MaxUseCaseLength)
                {
                    errors.Add("audit.useCaseModes", $"A use case in audit.useCaseModes must have 1 to {MaxUseCaseLength} characters.");
                }
                else if (mode is not (AuditModes.Metadata or AuditModes.Off))
                {
                    errors.Add($"audit.useCaseModes.{useCase}", "An audit.useCaseModes entry must be metadata or off (it can only lower the tenant's mode).");
                }
            }
        }

        return errors;
    }

    /// <summary>The settings as stored: the defaults (metadata, platform retention, no overrides) are stored as null.</summary>
    public static AuditSettings? Normalize(AuditSettings audit) =>
        audit is { Mode: AuditModes.Metadata, RetentionDays: null, UseCaseModes: null or { Count: 0 } }
            ? null
            : audit with { UseCaseModes = audit.UseCaseModes is { Count: > 0 } o ? new SortedDictionary<string, string>(o.ToDictionary(), StringComparer.Ordinal) : null };
}
