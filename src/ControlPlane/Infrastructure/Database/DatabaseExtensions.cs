using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.ServiceDefaults.Health;

namespace Switchyard.ControlPlane.Infrastructure.Database;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers <see cref="ControlPlaneDbContext"/> as the provider-specific derived context chosen by <c>Database:Provider</c>
    /// with <c>ConnectionStrings:ControlPlane</c> and the EF Core interceptors slices register as <see cref="IInterceptor"/>
    /// services, and the readiness check.
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneDatabase(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)),
                "ConnectionStrings:ControlPlane is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<TenantScope>();
        builder.Services.AddSingleton<ConfigChangeSignal>();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (options.IsPostgres)
        {
            builder.Services.AddDbContext<ControlPlaneDbContext, PostgresControlPlaneDbContext>((sp, o) =>
                o.UseNpgsql(connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContext<ControlPlaneDbContext, SqliteControlPlaneDbContext>((sp, o) =>
                o.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString : connectionString)
                    .AddInterceptors([.. sp.GetServices<IInterceptor>(), new SqliteUnicodeUpper()]));
        }

        builder.Services.AddSwitchyardHealthChecks()
            .AddCheck<DatabaseHealthCheck>("controlplane-database", tags: [HealthEndpointExtensions.ReadyTag]);
        return builder;
    }
}
