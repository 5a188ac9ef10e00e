using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.Mock;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers;

public static class ProvidersExtensions
{
    /// <summary>
    /// The provider adapters — pass-through (OpenAI requests forwarded unchanged with YARP), translating chat, embeddings —
    /// over one pooled upstream connection handler, and the forward stage.
    /// </summary>
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpForwarder();
        services.AddSingleton<UpstreamHttpClient>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<OpenAIForwardTransformer>();
        services.AddSingleton<IPassThroughAdapter, OpenAICompatibleAdapter>();
        services.AddSingleton<IChatProvider, OpenAIChatProvider>();
        services.AddSingleton<IChatProvider, AnthropicChatProvider>();
        services.AddSingleton<IChatProvider, GeminiChatProvider>();
        services.AddSingleton<IChatProvider, BedrockChatProvider>();
        services.AddSingleton<IChatProvider, MockChatProvider>();
        services.AddSingleton<IEmbeddingProvider, OpenAIEmbeddingProvider>();
        services.AddSingleton<IEmbeddingProvider, GeminiEmbeddingProvider>();
        services.AddSingleton<IEmbeddingProvider, MockEmbeddingProvider>();
        services.AddSingleton<ProviderRegistry>();
        return services.AddGatewayStage<ForwardStage>();
    }
}
