namespace Switchyard.Shared.Admin;

/// <summary>One value per tenant quota (see the README's <c>Quotas:*</c> settings).</summary>
public sealed record TenantQuotaLimits(
    int Keys,
    int Routes,
    int DeploymentsPerRoute,
    int AllowedModelsPerKey,
    int Credentials,
    int Teams,
    int Members);

/// <summary>
/// A tenant's own quota values (PUT body, platform admins only): each replaces the configured default for this tenant;
/// null keeps the default.
/// </summary>
public sealed record TenantQuotaOverrides(
    int? Keys = null,
    int? Routes = null,
    int? DeploymentsPerRoute = null,
    int? AllowedModelsPerKey = null,
    int? Credentials = null,
    int? Teams = null,
    int? Members = null);

/// <summary>How much of each counted quota the tenant uses (keys: those not revoked).</summary>
public sealed record TenantQuotaUsage(int Keys, int Routes, int Credentials, int Teams, int Members);

/// <summary>A tenant's effective quotas, the configured defaults, its overrides and its current usage.</summary>
public sealed record TenantQuotasDto(Guid TenantId, TenantQuotaLimits Limits, TenantQuotaLimits Defaults, TenantQuotaOverrides Overrides, TenantQuotaUsage Used);
