using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Infrastructure;

public static class AdminApiExtensions
{
    /// <summary>
    /// What every admin API slice relies on: ProblemDetails and the exception handler, enums as strings in JSON, the OpenAPI
    /// document of /api, and the Data Protection key ring in the database (Identity tokens and cookies, provider secrets).
    /// </summary>
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("Switchyard").PersistKeysToDbContext<ControlPlaneDbContext>();
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
