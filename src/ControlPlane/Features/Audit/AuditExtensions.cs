using Hangfire;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Features.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// The audit log: request entries written with their usage records (<see cref="AuditIngestStep"/>), admin actions
    /// recorded around every mutating admin API call, and the daily retention purge.
    /// </summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AuditBodyCipher>();
        services.AddScoped<IUsageIngestStep, AuditIngestStep>();
        services.AddRecurringJob<AuditRetentionJob>(AuditRetentionJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
        return builder;
    }
}
