using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.ServiceDefaults.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive (no checks). <c>/readyz</c>: every check tagged <see cref="ReadyTag"/> passes
/// (a data-plane node holds a fresh snapshot, its usage spool writes and it is not stopping; the control plane reaches
/// its database); the answer is JSON with each check's description and data (see <see cref="HealthReportWriter"/>).
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>
    /// Tag of the checks that decide readiness. Deliberately not MassTransit's "ready": a node or control plane keeps
    /// serving while the broker is down, so the bus must not take it out of a load balancer.
    /// </summary>
    public const string ReadyTag = "switchyard-ready";

    public static IHealthChecksBuilder AddSwitchyardHealthChecks(this IServiceCollection services) => services.AddHealthChecks();

    /// <summary>Maps both endpoints once per application, whichever part asks first.</summary>
    public static WebApplication MapSwitchyardHealth(this WebApplication app) =>
        app.UseOnce("Health", a =>
        {
            a.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
            a.MapHealthChecks("/readyz", new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains(ReadyTag),
                ResponseWriter = HealthReportWriter.WriteAsync,
            }).AllowAnonymous();
        });
}
