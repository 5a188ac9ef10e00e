using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Authorization;

public static class AuthorizationExtensions
{
    /// <summary>Model access: the authorize stage.</summary>
    public static IServiceCollection AddModelAuthorization(this IServiceCollection services) => services.AddGatewayStage<AuthorizeStage>();
}
