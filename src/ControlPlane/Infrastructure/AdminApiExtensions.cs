using System.Text.Json.Serialization;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ServiceDefaults.Http;
using Switchyard.ServiceDefaults;

namespace Switchyard.ControlPlane.Infrastructure;

public static class AdminApiExtensions
{
    /// <summary>
    /// What every admin API slice relies on: ProblemDetails and the exception handler, enums as strings in JSON, the OpenAPI
    /// document of /api, the request body limit (<see cref="AdminApiOptions"/>), forwarded headers from trusted proxies, and
    /// the Data Protection key ring in the database, encrypted at rest (Identity tokens and cookies, provider secrets).
    /// </summary>
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminApiOptions>().BindConfiguration(AdminApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddControlPlaneDataProtection();
        services.AddSwitchyardForwardedHeaders();
        services.AddProblemDetails();
        services.AddExceptionHandler<ControlPlaneExceptionHandler>();
        // A body that is not JSON, or not of the endpoint's shape, throws so the handler answers ProblemDetails saying
        // what is wrong; otherwise (outside Development) minimal APIs answer an empty 400 or 415.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.Converters.OfType<JsonStringEnumConverter>().Any())
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            }
        });
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        return builder;
    }

    /// <summary>
    /// Applies <see cref="AdminApiOptions.MaxRequestBodyBytes"/> to the admin API and node endpoints only (<c>/api</c>,
    /// <c>/internal</c>), so a composed host's gateway and portal keep their own limits.
    /// </summary>
    public static WebApplication UseAdminRequestBodyLimit(this WebApplication app) =>
        app.UseOnce("ControlPlane.BodyLimit", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/internal"),
            branch => branch.UseMiddleware<AdminRequestBodyLimitMiddleware>()));
}
