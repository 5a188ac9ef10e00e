using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.Mock;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Health;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane;

public static class DataPlaneExtensions
{
    /// <summary>Registers a data-plane node (snapshot, key auth, routing, providers, usage spool).</summary>
    public static WebApplicationBuilder AddDataPlane(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataPlaneOptions>()
            .BindConfiguration(DataPlaneOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataPaths>();

        // Configuration
        services.AddSingleton(sp => new SecretSealer(sp.GetRequiredService<IOptions<DataPlaneOptions>>().Value.NodeSecret));
        services.AddSingleton(sp => new SnapshotCompiler(
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ProviderRegistry>().Kinds,
            sp.GetRequiredService<RoutingPolicyRegistry>().Names));
        services.AddSingleton<SnapshotStaleness>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<LastKnownGoodStore>();
        services.AddHttpClient<SnapshotFetcher>();
        services.AddSingleton<SnapshotSynchronizer>();
        services.AddHostedService<SnapshotSyncService>();
        services.AddSwitchyardHealthChecks()
            .AddCheck<SnapshotReadinessCheck>("dataplane-snapshot", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<UsageSpoolHealthCheck>("dataplane-usage-spool", tags: [HealthEndpointExtensions.ReadyTag])
            .AddCheck<DrainReadinessCheck>("dataplane-drain", tags: [HealthEndpointExtensions.ReadyTag]);

        // Request path: dialects and their endpoints
        services.AddSingleton<VirtualKeyAuthenticator>();
        services.AddSingleton<IRoutingPolicy, WeightedRoutingPolicy>();
        services.AddSingleton<RoutingPolicyRegistry>();
        services.AddSingleton<GatewayPipeline>();
        services.AddSingleton<OpenAIDialect>();
        services.AddSingleton<AnthropicDialect>();
        services.AddSingleton<EmbeddingsEndpoint>();
        services.AddSingleton<CountTokensEndpoint>();
        services.AddSingleton<ModelsEndpoint>();

        // Providers: pass-through (OpenAI requests forwarded unchanged), translating chat, embeddings
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

        // Usage, then the drain: hosts stop services in reverse order, so on SIGTERM the node first drains its requests,
        // then the writer closes the spool segment and the publisher sends it, while the bus still runs.
        services.AddSingleton<UsageQueue>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<SpoolFileSystem>();
        services.AddSingleton<UsageSpoolHealth>();
        services.TryAddSingleton<IMessagePublisher, BusMessagePublisher>();
        services.AddHostedService<UsagePublisher>();
        services.AddHostedService<UsageSpoolWriter>();
        services.AddSingleton<NodeDrain>();
        services.AddHostedService<NodeDrainService>();
        services.AddOptions<HostOptions>().Configure<IOptions<DataPlaneOptions>>((host, node) =>
        {
            // Room for the drain, then for the spool to be flushed and published.
            var needed = TimeSpan.FromSeconds(node.Value.DrainTimeoutSeconds + 15);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        // Every node hears every revision: its own auto-deleted queue on the fanout, unique per process.
        var instance = $"{builder.Configuration["DataPlane:NodeId"] ?? "node"}-{Guid.NewGuid().ToString("N")[..8]}";
        builder.AddMessagingParticipant(x =>
            x.AddConsumer<ConfigRevisionPublishedConsumer>().Endpoint(e =>
            {
                e.Temporary = true;
                e.InstanceId = instance;
            }));
        return builder;
    }

    /// <summary>Maps the gateway endpoints (/v1/...); returns the group so a host can restrict it (e.g. by port).</summary>
    public static IEndpointConventionBuilder MapDataPlane(this WebApplication app)
    {
        app.UseOnce("DataPlane.InFlight", a => a.UseMiddleware<GatewayInFlightMiddleware>());
        app.MapSwitchyardHealth();
        return app.MapGatewayEndpoints();
    }
}
