using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Authorization;

/// <summary>
/// The caller's tenant must have a route for the model (404 <c>model_not_found</c>, worded like OpenAI's so a key cannot
/// probe other tenants' models) and the key must be allowed to use it (403 <c>model_not_allowed</c>). Settles the request's
/// attribution tags (<see cref="RequestTags"/>; a bad or unallowed <c>x-switchyard-tags</c> header is 400 <c>invalid_tags</c>).
/// </summary>
public sealed class AuthorizeStage : IGatewayStage
{
    public string Name => "authorize";

    public int Order => GatewayStageOrder.Authorize;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        var key = context.Key!;
        var model = context.Model;
        if (context.Snapshot!.FindRoute(key.TenantId, model) is not { } route)
        {
            await context.Dialect.WriteErrorAsync(context.Http, GatewayError.NotFound(
                $"The model `{model}` does not exist or you do not have access to it.", "model", "model_not_found"));
            return false;
        }

        if (key.AllowedModels.Count > 0 && !key.AllowedModels.Contains(model, StringComparer.Ordinal))
        {
            await context.Dialect.WriteErrorAsync(context.Http, new GatewayError(GatewayErrorKind.Permission, StatusCodes.Status403Forbidden,
                $"This API key is not allowed to use the model `{model}`.") { Param = "model", Code = "model_not_allowed" });
            return false;
        }

        var tags = RequestTags.Resolve(key, context.Http.Request.Headers[TagRules.Header], out var tagError);
        if (tagError is not null)
        {
            await context.Dialect.WriteErrorAsync(context.Http, GatewayError.InvalidRequest(tagError, TagRules.Header, "invalid_tags"));
            return false;
        }

        context.Tagged(tags);
        context.Authorized(route);
        return true;
    }
}
