using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;

namespace Switchyard.DataPlane.Gateway;

public static class GatewayExtensions
{
    /// <summary>The inbound dialects and the gateway endpoints served with them.</summary>
    public static IServiceCollection AddGatewayEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<OpenAIDialect>();
        services.AddSingleton<AnthropicDialect>();
        services.AddSingleton<EmbeddingsEndpoint>();
        services.AddSingleton<CountTokensEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        return services;
    }
}
