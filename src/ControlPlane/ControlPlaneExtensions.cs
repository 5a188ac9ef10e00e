using MassTransit;
using System.Text.Json.Serialization;
using Switchyard.ControlPlane.Features.AdminKeys;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Demo;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Jobs;
using Switchyard.ControlPlane.Infrastructure.Startup;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Health;
using Switchyard.ServiceDefaults.Http;
using Switchyard.ServiceDefaults.Messaging;

namespace Switchyard.ControlPlane;

public static class ControlPlaneExtensions
{
    /// <summary>Registers the control plane (admin API, database, config distribution, usage ingestion, jobs).</summary>
    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Order matters: the database initializer is the first hosted service, before the job server and the bus.
        builder.AddControlPlaneDatabase();
        services.AddSingleton<AdminKeyBootstrapper>();
        services.AddSingleton<DemoSeeder>();
        services.AddHostedService<StartupInitializer>();

        builder.AddControlPlaneDataProtection();
        services.AddSwitchyardForwardedHeaders();
        builder.AddControlPlaneAuth();

        services.AddProblemDetails();
        services.AddExceptionHandler<ControlPlaneExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.Converters.OfType<JsonStringEnumConverter>().Any())
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            }
        });
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);

        services.AddSingleton<CredentialProtector>();
        services.AddSingleton<SnapshotSecretSealer>();
        services.AddSingleton<SnapshotCompiler>();
        services.AddSingleton<SnapshotStore>();
        services.AddHostedService<SnapshotPublisher>();

        builder.AddControlPlaneJobs();
        builder.AddMessagingParticipant(x =>
        {
            x.AddConsumer<UsageBatchReportedConsumer, UsageBatchReportedConsumerDefinition>();
            x.AddConsumer<ConfigAppliedConsumer, ConfigAppliedConsumerDefinition>();
        });
        return builder;
    }

    /// <summary>Maps the admin API, node endpoints and health; returns the group so a host can restrict it (e.g. by port).</summary>
    public static IEndpointConventionBuilder MapControlPlane(this WebApplication app)
    {
        app.UseSwitchyardForwardedHeaders();
        app.UseOnce("ControlPlane.Errors", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/internal"),
            branch => branch.UseExceptionHandler()));
        app.UseOnce("ControlPlane.Csrf", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseMiddleware<CookieCsrfProtection>()));
        app.UseSwitchyardAuth();
        app.UseOnce("RateLimiter", a => a.UseRateLimiter());
        app.MapSwitchyardHealth();
        app.UseOnce("OpenApi", a => a.MapOpenApi());

        var root = app.MapGroup("");
        var api = root.MapGroup("/api").RequireAuthorization(AuthSchemes.ApiPolicy);
        api.MapAuthEndpoints();
        api.MapConfigEndpoints();
        api.MapCatalogEndpoints();
        api.MapAdminKeysEndpoints();
        var tenant = api.MapTenantsEndpoints();
        tenant.MapTeamsEndpoints();
        tenant.MapMembersEndpoints();
        tenant.MapKeysEndpoints();
        tenant.MapTenantAdminKeysEndpoints();
        tenant.MapCredentialsEndpoints();
        tenant.MapRoutesEndpoints();
        tenant.MapUsageEndpoints();
        root.MapNodeEndpoints();
        return root;
    }
}
