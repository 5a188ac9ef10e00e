using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.DataPlane.Pipeline;
using Switchyard.ServiceDefaults.Health;

namespace Switchyard.DataPlane.Limits;

public static class LimitsExtensions
{
    /// <summary>
    /// Rate limits: the limit stage, the release listener and the counter store <see cref="RateLimitingOptions.Store"/>
    /// names (with Redis: its connection, heartbeat, batched releases and a health check that reports Degraded while
    /// Redis is unreachable).
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .BindConfiguration(RateLimitingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Store != LimitStoreKind.Redis || !string.IsNullOrWhiteSpace(o.ConnectionString(configuration)),
                "RateLimiting:Store is Redis but neither RateLimiting:Redis nor ConnectionStrings:Redis is set.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LimitCells>();
        services.AddSingleton<BudgetClock>();
        var store = configuration.GetValue(RateLimitingOptions.Section + ":" + nameof(RateLimitingOptions.Store), LimitStoreKind.InProcess);
        if (store == LimitStoreKind.Redis)
        {
            services.AddSingleton<RedisLimitConnection>();
            services.AddSingleton<RedisLimitReleaser>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisLimitReleaser>());
            services.AddSingleton<RedisLimitHeartbeat>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisLimitHeartbeat>());
            services.AddSingleton<RedisLimitStore>();
            services.AddSingleton<ILimitStore>(sp => sp.GetRequiredService<RedisLimitStore>());
            services.AddSwitchyardHealthChecks().AddCheck<RateLimitStoreHealthCheck>("dataplane-rate-limit-store", tags: [HealthEndpointExtensions.ReadyTag]);
        }
        else
        {
            services.AddSingleton<ILimitStore, InProcessLimitStore>();
            services.AddHostedService<InProcessSpendSync>();
        }

        services.AddGatewayStage<LimitStage>();
        return services.AddResponseListener<LimitReleaseListener>();
    }
}
