using System.ComponentModel.DataAnnotations;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>
/// The default quotas of every tenant (<c>Quotas:*</c>). They bound what one member can make every node hold in its snapshot;
/// a platform admin can override them per tenant (<c>PUT /api/tenants/{tenantId}/quotas</c>).
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>The largest value a counted quota (default or override) may take.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>The largest <see cref="AllowedModelsPerKey"/> (default or override) may be.</summary>
    public const int MaxAllowedModelsPerKey = 10_000;

    /// <summary>Virtual keys that are not revoked.</summary>
    [Range(0, MaxCount, ErrorMessage = "Quotas:Keys must be between 0 and 1000000.")]
    public int Keys { get; set; } = 1000;

    [Range(0, MaxCount, ErrorMessage = "Quotas:Routes must be between 0 and 1000000.")]
    public int Routes { get; set; } = 200;

    /// <summary>At most <see cref="RouteRules.MaxDeployments"/>, which is what a node accepts.</summary>
    [Range(1, RouteRules.MaxDeployments, ErrorMessage = "Quotas:DeploymentsPerRoute must be between 1 and 32.")]
    public int DeploymentsPerRoute { get; set; } = 16;

    [Range(0, MaxAllowedModelsPerKey, ErrorMessage = "Quotas:AllowedModelsPerKey must be between 0 and 10000.")]
    public int AllowedModelsPerKey { get; set; } = 100;

    [Range(0, MaxCount, ErrorMessage = "Quotas:Credentials must be between 0 and 1000000.")]
    public int Credentials { get; set; } = 100;

    [Range(0, MaxCount, ErrorMessage = "Quotas:Teams must be between 0 and 1000000.")]
    public int Teams { get; set; } = 200;

    [Range(0, MaxCount, ErrorMessage = "Quotas:Members must be between 0 and 1000000.")]
    public int Members { get; set; } = 1000;

    public TenantQuotaLimits ToLimits() => new(Keys, Routes, DeploymentsPerRoute, AllowedModelsPerKey, Credentials, Teams, Members);
}
