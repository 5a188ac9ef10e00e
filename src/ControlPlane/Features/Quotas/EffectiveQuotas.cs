using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>A tenant's effective quotas (its overrides over the configured defaults), each as a <see cref="Quota"/> to check.</summary>
public sealed class EffectiveQuotas(TenantQuotaLimits limits)
{
    public TenantQuotaLimits Limits { get; } = limits;

    public Quota Keys => new("keys", Limits.Keys);
    public Quota Routes => new("routes", Limits.Routes);
    public Quota DeploymentsPerRoute => new("deploymentsPerRoute", Limits.DeploymentsPerRoute);
    public Quota AllowedModelsPerKey => new("allowedModelsPerKey", Limits.AllowedModelsPerKey);
    public Quota Credentials => new("credentials", Limits.Credentials);
    public Quota Teams => new("teams", Limits.Teams);
    public Quota Members => new("members", Limits.Members);
}
