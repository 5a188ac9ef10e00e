using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.ServiceDefaults.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive (no checks). <c>/readyz</c>: every check tagged <see cref="ReadyTag"/> passes
/// (a data-plane node holds a snapshot; the control plane reaches its database).
/// </summary>
public static class HealthEndpointExtensions
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddSwitchyardHealthChecks(this IServiceCollection services) => services.AddHealthChecks();

    public static IEndpointRouteBuilder MapSwitchyardHealth(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.DataSources.SelectMany(d => d.Endpoints).Any(e => e.DisplayName == "Switchyard /healthz"))
        {
            return endpoints;
        }

        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .WithDisplayName("Switchyard /healthz").AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .WithDisplayName("Switchyard /readyz").AllowAnonymous();
        return endpoints;
    }
}
