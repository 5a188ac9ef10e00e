using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Switchyard.ServiceDefaults.Http;

public static class ForwardedHeadersExtensions
{
    /// <summary>Binds <see cref="ForwardedHeadersSettings"/> into ASP.NET Core's forwarded-headers options (For and Proto only).</summary>
    public static IServiceCollection AddSwitchyardForwardedHeaders(this IServiceCollection services)
    {
        // Several parts of a composed host ask for it; binding twice would list every proxy twice.
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        services.AddOptions<ForwardedHeadersSettings>()
            .BindConfiguration(ForwardedHeadersSettings.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            // Host is left alone: which part of a composed host answers depends on the local port, not on a header.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.Value.ForwardLimit;
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    private sealed class Registered;

    /// <summary>First in the pipeline, once: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseSwitchyardForwardedHeaders(this WebApplication app) =>
        app.UseOnce("ForwardedHeaders", a =>
        {
            if (a.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
            {
                a.UseForwardedHeaders();
            }
        });
}
