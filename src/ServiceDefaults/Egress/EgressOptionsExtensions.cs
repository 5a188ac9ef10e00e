using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Shared.Egress;

namespace Switchyard.ServiceDefaults.Egress;

public static class EgressOptionsExtensions
{
    /// <summary>
    /// Binds <see cref="EgressOptions"/> (section "Egress"), validated at start, once per container: the all-in-one host's
    /// control plane and node share it.
    /// </summary>
    public static IServiceCollection AddSwitchyardEgressOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<EgressOptions>)))
        {
            return services;
        }

        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
