using System.Text.Json.Serialization;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ServiceDefaults.Http;

namespace Switchyard.ControlPlane.Infrastructure;

public static class AdminApiExtensions
{
    /// <summary>
    /// What every admin API slice relies on: ProblemDetails and the exception handler, enums as strings in JSON, the OpenAPI
    /// document of /api, forwarded headers from trusted proxies, and the Data Protection key ring in the database, encrypted at
    /// rest (Identity tokens and cookies, provider secrets).
    /// </summary>
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddControlPlaneDataProtection();
        services.AddSwitchyardForwardedHeaders();
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
        return builder;
    }
}
