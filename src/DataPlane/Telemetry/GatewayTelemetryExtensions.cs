using Switchyard.DataPlane.Pipeline;
using Switchyard.ServiceDefaults.Telemetry;

namespace Switchyard.DataPlane.Telemetry;

public static class GatewayTelemetryExtensions
{
    /// <summary>The gateway's metrics, and its spans when <c>Telemetry:Tracing</c> is on (see <see cref="TelemetryOptions"/>).</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddResponseListener<GatewayMetrics>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.TracingEnabled(configuration))
        {
            services.AddResponseListener<GatewayTracing>();
        }

        return services;
    }
}
