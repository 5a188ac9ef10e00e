using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>Virtual-key authentication: the authenticate stage.</summary>
    public static IServiceCollection AddVirtualKeyAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<VirtualKeyAuthenticator>();
        return services.AddGatewayStage<AuthenticateStage>();
    }
}
