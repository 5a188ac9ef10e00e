using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Checks a canonical request against what the deployment's model can serve (the snapshot's model catalog entry).
/// A request using a feature the model lacks gets a 400 naming the parameter, or, when the route says
/// <c>DropUnsupportedParams</c>, the feature is removed (tools, images) or softened (json_schema → json_object,
/// output limit clamped) and the request goes on.
/// </summary>
public static class CapabilityGuard
{
    /// <summary>
    /// True when the model can take a request with these features as it is: the fast path may forward it without parsing
    /// it. False when it must be parsed and checked (refused, or adapted on a route that drops unsupported parameters).
    /// </summary>
    public static bool Accepts(ModelCapabilities? capabilities, RequestFeatures features) =>
        capabilities is null
        || (capabilities.Chat
            && (capabilities.Tools || !features.Tools)
            && (capabilities.Vision || !features.Media)
            && (capabilities.JsonSchema || !features.JsonSchema)
            && (capabilities.MaxOutputTokens is not { } max || (!features.Unclear && (features.MaxTokens ?? 0) <= max)));

    /// <summary>Returns the error to answer, or null; <paramref name="changed"/> tells whether the request was modified.</summary>
    public static GatewayError? Check(ChatRequest request, ModelCapabilities? capabilities, bool drop, out bool changed)
    {
        changed = false;
        if (capabilities is null)
        {
            return null;
        }

        if (!capabilities.Chat)
        {
            return GatewayError.InvalidRequest($"The model `{request.Model}` does not support chat; it serves embeddings only.", "model", "model_not_supported");
        }

        if (!capabilities.Tools && request.Tools.Count > 0)
        {
            if (!drop)
            {
                return Unsupported(request, "tools", "tool calling");
            }

            request.Tools.Clear();
            request.ToolChoice = null;
            request.ParallelToolCalls = null;
            changed = true;
        }

        if (!capabilities.Vision && request.Messages.Any(m => m.Content.Any(p => p.Kind != ContentPartKind.Text)))
        {
            if (!drop)
            {
                return Unsupported(request, "messages", "image or document input");
            }

            foreach (var message in request.Messages)
            {
                message.Content.RemoveAll(p => p.Kind != ContentPartKind.Text);
            }

            changed = true;
        }

        if (!capabilities.JsonSchema && request.ResponseFormat?.Kind == ResponseFormatKind.JsonSchema)
        {
            if (!drop)
            {
                return Unsupported(request, "response_format", "json_schema response formats");
            }

            request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);
            changed = true;
        }

        if (capabilities.MaxOutputTokens is { } max && request.MaxTokens > max)
        {
            if (!drop)
            {
                return GatewayError.InvalidRequest(
                    $"{request.MaxTokensParam} is too large: {request.MaxTokens}. The model `{request.Model}` supports at most {max} output tokens.",
                    request.MaxTokensParam, "invalid_value");
            }

            request.MaxTokens = max;
            changed = true;
        }

        return null;
    }

    private static GatewayError Unsupported(ChatRequest request, string param, string feature) =>
        GatewayError.InvalidRequest($"The model `{request.Model}` does not support {feature} (parameter '{param}').", param, "unsupported_parameter");}
