using Switchyard.DataPlane.Errors;

namespace Switchyard.DataPlane.Gateway;

/// <summary>Maps the OpenAI-dialect gateway endpoints onto one route group.</summary>
public static class GatewayEndpoints
{
    public static RouteGroupBuilder MapGatewayEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Both are singletons: resolve them once here, so a request does not open a service scope to find them.
        var chat = endpoints.ServiceProvider.GetRequiredService<ChatCompletionsEndpoint>();
        var models = endpoints.ServiceProvider.GetRequiredService<ModelsEndpoint>();
        var group = endpoints.MapGroup("/v1").AllowAnonymous().WithTags("Gateway");
        group.MapPost("/chat/completions", (RequestDelegate)chat.HandleAsync).WithDisplayName("Switchyard POST /v1/chat/completions");
        group.MapGet("/models", (RequestDelegate)models.HandleAsync).WithDisplayName("Switchyard GET /v1/models");
        group.Map("/{**path}", UnknownAsync).WithDisplayName("Switchyard /v1 fallback");
        return group;
    }

    private static Task UnknownAsync(HttpContext context) =>
        OpenAIError.WriteAsync(context, StatusCodes.Status404NotFound,
            $"Invalid URL ({context.Request.Method} {context.Request.Path}).", OpenAIError.InvalidRequest, null, "unknown_url");
}
