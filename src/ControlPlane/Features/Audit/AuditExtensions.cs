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
        services.AddHttpContextAccessor();
        services.AddSingleton<AdminAuditWriter>();
        services.AddSingleton<AdminAuditInterceptor>();
        services.AddSingleton<AdminAuditAttemptRecorder>();
        // First of the ProblemDetails writers (AddProblemDetails adds the default one, which would take every answer).
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, AdminAuditRefusalWriter>());
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<AdminAuditInterceptor>());
        services.AddScoped<IUsageIngestStep, AuditIngestStep>();
        services.AddRecurringJob<AuditRetentionJob>(AuditRetentionJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
        return builder;
    }

    /// <summary>Records every mutating call under <paramref name="api"/> (see <see cref="AdminAuditFilter"/>).</summary>
    public static RouteGroupBuilder AuditAdminActions(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter<AdminAuditFilter>();
        return api;
    }
}
