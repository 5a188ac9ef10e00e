using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire with in-memory or PostgreSQL storage (<c>Jobs:Storage</c>), its server in this process.</summary>
    public static WebApplicationBuilder AddControlPlaneJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Storage != "Postgres" || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)),
                "ConnectionStrings:ControlPlane is required when Jobs:Storage is Postgres.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "";
        builder.Services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (options.Storage == "Postgres")
            {
                // The schema is installed by JobsSchema after the database migrations (see StartupInitializer).
                cfg.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false });
            }
            else
            {
                cfg.UseInMemoryStorage();
            }
        });
        builder.Services.AddSingleton<JobRunMetricsFilter>();
        builder.Services.AddHangfireServer((services, o) =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
            // Hangfire's own filters (retries, state) plus the run metrics of this process's server only.
            o.FilterProvider = new JobFilterProviderCollection(
                services.GetService<IJobFilterProvider>() ?? JobFilterProviders.Providers,
                new JobFilterCollection { services.GetRequiredService<JobRunMetricsFilter>() });
        });
        builder.Services.AddSingleton<JobsSchema>();
        builder.Services.AddHostedService<RecurringJobsRegistrar>();
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> (scoped) and schedules <paramref name="run"/> on it by the cron expression
    /// <paramref name="cron"/> under <paramref name="id"/>; each slice adds its own jobs this way.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> run, string cron)
        where TJob : class
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(id, jobs => jobs.AddOrUpdate(id, run, cron)));
        return services;
    }
}
