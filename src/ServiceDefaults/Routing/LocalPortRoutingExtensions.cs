using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Switchyard.ServiceDefaults.Routing;

public static class LocalPortRoutingExtensions
{
    /// <summary>Registers <see cref="LocalPortMatcherPolicy"/>, which makes <see cref="RequireLocalPort{TBuilder}"/> take effect.</summary>
    public static IServiceCollection AddLocalPortRouting(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, LocalPortMatcherPolicy>());
        return services;
    }

    /// <summary>
    /// The endpoints answer only connections that arrived on one of <paramref name="ports"/> (the listening port, whatever
    /// the Host header says). Needs <see cref="AddLocalPortRouting"/>.
    /// </summary>
    public static TBuilder RequireLocalPort<TBuilder>(this TBuilder builder, params int[] ports)
        where TBuilder : IEndpointConventionBuilder
    {
        if (ports.Length == 0 || ports.Any(p => p is < 1 or > 65535))
        {
            throw new ArgumentException("Give one or more ports between 1 and 65535.", nameof(ports));
        }

        var metadata = new LocalPortMetadata([.. ports]);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
