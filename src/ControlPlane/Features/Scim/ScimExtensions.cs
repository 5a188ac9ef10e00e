using Switchyard.ControlPlane.Infrastructure;
using Switchyard.ServiceDefaults;

namespace Switchyard.ControlPlane.Features.Scim;

public static class ScimExtensions
{
    /// <summary>SCIM provisioning: its options (<see cref="ScimOptions"/>) and its error handler.</summary>
    public static WebApplicationBuilder AddScim(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScimOptions>().BindConfiguration(ScimOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddExceptionHandler<ScimExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Under <c>/scim</c> only: failures in SCIM's error shape (<see cref="ScimExceptionHandler"/>) and the admin API's
    /// request body limit, then the SCIM token (<see cref="ScimTokenMiddleware"/>).
    /// </summary>
    public static WebApplication UseScim(this WebApplication app) =>
        app.UseOnce("ControlPlane.Scim", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments(ScimEndpoints.BasePath),
            branch =>
            {
                branch.UseExceptionHandler();
                branch.UseMiddleware<AdminRequestBodyLimitMiddleware>();
                branch.UseMiddleware<ScimTokenMiddleware>();
            }));
}
