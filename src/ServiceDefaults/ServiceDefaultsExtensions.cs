using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ServiceDefaults.Telemetry;

namespace Switchyard.ServiceDefaults;

/// <summary>What every Switchyard process sets up once, whichever parts it hosts.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// OpenTelemetry metrics, traces and logs (see <see cref="TelemetryExtensions.AddSwitchyardTelemetry"/>). Safe to call
    /// more than once: each part calls it, the first call wins.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ServiceDefaultsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<ServiceDefaultsMarker>();
        return builder.AddSwitchyardTelemetry();
    }

    /// <summary>Every process's own endpoints: <c>/metrics</c>. Once per application, whichever part asks first.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app) => app.MapSwitchyardMetrics();

    private sealed class ServiceDefaultsMarker;
}
