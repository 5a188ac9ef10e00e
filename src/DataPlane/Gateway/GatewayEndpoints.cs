using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Embeddings;

namespace Switchyard.DataPlane.Gateway;

/// <summary>Maps the gateway's API surfaces (OpenAI and Anthropic dialects) onto one <c>/v1</c> route group.</summary>
public static class GatewayEndpoints
{
    public static RouteGroupBuilder MapGatewayEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Endpoints are singletons: resolve them once here, so a request does not open a service scope to find them.
        var services = endpoints.ServiceProvider;
        var openAI = services.GetRequiredService<OpenAIDialect>();
        var chat = ActivatorUtilities.CreateInstance<ChatEndpoint>(services, openAI);
        var models = services.GetRequiredService<ModelsEndpoint>();
        var embeddings = services.GetRequiredService<EmbeddingsEndpoint>();
        var group = endpoints.MapGroup("/v1").AllowAnonymous().WithTags("Gateway");
        group.MapPost("/chat/completions", (RequestDelegate)chat.HandleAsync).WithDisplayName("Switchyard POST /v1/chat/completions");
        group.MapPost("/embeddings", (RequestDelegate)embeddings.HandleAsync).WithDisplayName("Switchyard POST /v1/embeddings");
        var anthropic = services.GetRequiredService<AnthropicDialect>();
        var messages = ActivatorUtilities.CreateInstance<ChatEndpoint>(services, anthropic);
        var countTokens = services.GetRequiredService<CountTokensEndpoint>();
        group.MapPost("/messages", (RequestDelegate)messages.HandleAsync).WithDisplayName("Switchyard POST /v1/messages");
        group.MapPost("/messages/count_tokens", (RequestDelegate)countTokens.HandleAsync).WithDisplayName("Switchyard POST /v1/messages/count_tokens");
        group.MapGet("/models", (RequestDelegate)models.HandleAsync).WithDisplayName("Switchyard GET /v1/models");
        group.Map("/{**path}", context => openAI.WriteErrorAsync(context,
                GatewayError.NotFound($"Invalid URL ({context.Request.Method} {context.Request.Path}).", null, "unknown_url")))
            .WithDisplayName("Switchyard /v1 fallback");
        return group;
    }
}
