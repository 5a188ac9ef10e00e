using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Azure OpenAI at {root}/azure: classic <c>/openai/deployments/{deployment}/chat/completions|embeddings?api-version=…</c>
/// (api-version required, else 404 "Resource not found"; the deployment is the model, a deployment name containing
/// "missing" → 404 DeploymentNotFound) and v1 <c>/openai/v1/chat/completions|embeddings</c> (body model required).
/// Auth: <c>api-key: {AzureKey}</c> (or <c>Authorization: Bearer {AzureKey}</c>) → 401 {"error":{"code":"401",…}}.
/// </summary>
internal static class FakeAzure
{
    public static void Map(WebApplication app, FakeUpstream upstream)
    {
        app.MapPost("/azure/openai/deployments/{deployment}/chat/completions", context => HandleAsync(context, upstream, chat: true));
        app.MapPost("/azure/openai/deployments/{deployment}/embeddings", context => HandleAsync(context, upstream, chat: false));
        app.MapPost("/azure/openai/v1/chat/completions", context => HandleAsync(context, upstream, chat: true));
        app.MapPost("/azure/openai/v1/embeddings", context => HandleAsync(context, upstream, chat: false));
    }

    private static async Task HandleAsync(HttpContext context, FakeUpstream upstream, bool chat)
    {
        var deployment = context.GetRouteValue("deployment") as string;
        if (deployment is not null && string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await FakeOpenAI.ErrorAsync(context, "azure", 404, "Resource not found", "", "404");
            return;
        }

        var request = context.Request;
        if (request.Headers["api-key"] != upstream.AzureKey && request.Headers.Authorization != "Bearer " + upstream.AzureKey)
        {
            await FakeOpenAI.ErrorAsync(context, "azure", 401,
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
                "", "401");
            return;
        }

        if (deployment?.Contains("missing", StringComparison.OrdinalIgnoreCase) == true)
        {
            await FakeOpenAI.ErrorAsync(context, "azure", 404,
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
                "", "DeploymentNotFound");
            return;
        }

        var body = await FakeHttp.ReadObjectAsync(context);
        var model = deployment ?? (body is null ? null : FakeHttp.Str(body["model"]));
        if (body is null || model is null)
        {
            await FakeOpenAI.ErrorAsync(context, "azure", 400, body is null ? "Invalid JSON body." : "model is required.", "", "BadRequest");
            return;
        }

        await (chat ? FakeOpenAI.ServeChatAsync(context, "azure", model, body) : FakeOpenAI.ServeEmbeddingsAsync(context, "azure", model, body));
    }
}
