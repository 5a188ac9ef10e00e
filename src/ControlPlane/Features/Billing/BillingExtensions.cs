using Hangfire;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Features.Billing;

public static class BillingExtensions
{
    /// <summary>
    /// Usage billing through Stripe (<c>Billing:Stripe:*</c>, validated at start). When configured: the usage sync every
    /// 15 minutes, the standing check every 15 minutes and the daily reconciliation; unconfigured, no job is registered
    /// and the endpoints answer 404.
    /// </summary>
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StripeBillingOptions>().BindConfiguration(StripeBillingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IStripeBilling, StripeBillingClient>();
        services.AddSingleton<StripeRetry>();
        services.AddScoped<TenantStanding>();
        services.AddScoped<InvoiceRecorder>();
        services.AddScoped<SubscriptionRecorder>();
        services.AddScoped<IStripeEventHandler, InvoiceCreatedHandler>();
        services.AddScoped<IStripeEventHandler, InvoicePaidHandler>();
        services.AddScoped<IStripeEventHandler, InvoicePaymentFailedHandler>();
        services.AddScoped<IStripeEventHandler, SubscriptionUpdatedHandler>();
        services.AddScoped<IStripeEventHandler, SubscriptionDeletedHandler>();

        var configured = builder.Configuration.GetSection(StripeBillingOptions.Section).Get<StripeBillingOptions>() ?? new StripeBillingOptions();
        if (configured.Enabled)
        {
            services.AddRecurringJob<StripeUsageSyncJob>(StripeUsageSyncJob.Id, j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
            services.AddRecurringJob<BillingStandingJob>(BillingStandingJob.Id, j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
            services.AddRecurringJob<BillingReconciliationJob>(BillingReconciliationJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
        }
        else
        {
            services.AddScoped<StripeUsageSyncJob>();
            services.AddScoped<BillingStandingJob>();
            services.AddScoped<BillingReconciliationJob>();
        }

        return builder;
    }
}
