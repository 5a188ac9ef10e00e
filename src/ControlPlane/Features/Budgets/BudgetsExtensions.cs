using Hangfire;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Features.Budgets;

public static class BudgetsExtensions
{
    /// <summary>
    /// Budgets: the spend counters updated with each stored usage record (<see cref="BudgetSpendStep"/>), the minutely
    /// reconciliation from the ledger (and of the nodes' Redis counters), the hourly period rollover and the minutely alert
    /// webhook delivery.
    /// </summary>
    public static WebApplicationBuilder AddBudgets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BudgetsOptions>().BindConfiguration(BudgetsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IUsageIngestStep, BudgetSpendStep>();
        services.AddSingleton<BudgetRedis>();
        services.AddSingleton<BudgetWebhookClient>();
        services.AddScoped<BudgetReconciliationJob>();
        services.AddScoped<BudgetRolloverJob>();
        services.AddScoped<BudgetWebhookJob>();
        services.AddRecurringJob<BudgetReconciliationJob>(BudgetReconciliationJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        services.AddRecurringJob<BudgetRolloverJob>(BudgetRolloverJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        services.AddRecurringJob<BudgetWebhookJob>(BudgetWebhookJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return builder;
    }
}
