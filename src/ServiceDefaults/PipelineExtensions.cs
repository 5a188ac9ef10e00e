using Microsoft.AspNetCore.Builder;

namespace Switchyard.ServiceDefaults;

/// <summary>
/// Lets each part's <c>MapX()</c> add the middleware it needs while several parts share one application
/// (the all-in-one host): each piece of middleware is added once, in the order first asked for.
/// </summary>
public static class PipelineExtensions
{
    public static WebApplication UseOnce(this WebApplication app, string key, Action<WebApplication> configure)
    {
        var marker = "Switchyard.Pipeline." + key;
        var properties = ((IApplicationBuilder)app).Properties;
        if (!properties.ContainsKey(marker))
        {
            properties[marker] = true;
            configure(app);
        }

        return app;
    }

    /// <summary>Authentication then authorisation, once.</summary>
    public static WebApplication UseSwitchyardAuth(this WebApplication app) =>
        app.UseOnce("Auth", a =>
        {
            a.UseAuthentication();
            a.UseAuthorization();
        });
}
