namespace Switchyard.ControlPlane.Features.Quotas;

public static class QuotasExtensions
{
    /// <summary>Tenant quotas: the defaults (<c>Quotas:*</c>, validated at start) and the resolver of a tenant's effective quotas.</summary>
    public static WebApplicationBuilder AddQuotas(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantQuotas>();
        return builder;
    }
}
