using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// Maps the gateway's API surfaces (OpenAI and Anthropic dialects) onto one <c>/v1</c> route group. Every body endpoint
/// runs the same <see cref="GatewayPipeline"/>; only reading its body and forwarding differ (<see cref="GatewayEndpoint"/>).
/// </summary>
public static class GatewayEndpoints
{
    public static RouteGroupBuilder MapGatewayEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Endpoints are singletons: resolve them once here, so a request does not open a service scope to find them.
        var services = endpoints.ServiceProvider;
        var pipeline = services.GetRequiredService<GatewayPipeline>();
        var openAI = services.GetRequiredService<OpenAIDialect>();
        var anthropic = services.GetRequiredService<AnthropicDialect>();
        var group = endpoints.MapGroup("/v1").AllowAnonymous().WithTags("Gateway");
        group.MapPost("/chat/completions", pipeline.For(ActivatorUtilities.CreateInstance<ChatEndpoint>(services, openAI)))
            .WithDisplayName("Switchyard POST /v1/chat/completions");
        group.MapPost("/embeddings", pipeline.For(services.GetRequiredService<EmbeddingsEndpoint>()))
            .WithDisplayName("Switchyard POST /v1/embeddings");
        group.MapPost("/messages", pipeline.For(ActivatorUtilities.CreateInstance<ChatEndpoint>(services, anthropic)))
            .WithDisplayName("Switchyard POST /v1/messages");
        group.MapPost("/messages/count_tokens", pipeline.For(services.GetRequiredService<CountTokensEndpoint>()))
            .WithDisplayName("Switchyard POST /v1/messages/count_tokens");
        group.MapGet("/models", (RequestDelegate)services.GetRequiredService<ModelsEndpoint>().HandleAsync).WithDisplayName("Switchyard GET /v1/models");
        group.Map("/{**path}", context => openAI.WriteErrorAsync(context,
                GatewayError.NotFound($"Invalid URL ({context.Request.Method} {context.Request.Path}).", null, "unknown_url")))
            .WithDisplayName("Switchyard /v1 fallback");
        return group;
    }
}
