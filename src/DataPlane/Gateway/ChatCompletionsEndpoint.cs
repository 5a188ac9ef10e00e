using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Errors;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Gateway;

/// <summary><c>POST /v1/chat/completions</c>: authenticate, read and check the body, authorise, route, hand to the provider adapter, account.</summary>
public sealed class ChatCompletionsEndpoint(
    SnapshotStore store,
    VirtualKeyAuthenticator authenticator,
    RoutingPolicyRegistry routing,
    ProviderRegistry providers,
    UsageRecorder usage,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<ChatCompletionsEndpoint> logger)
{
    public const string EndpointName = "chat.completions";
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context)
    {
        var state = new GatewayRequestState(EndpointName, time.GetTimestamp());
        context.Features.Set(state);
        PooledBody? body = null;
        try
        {
            if (!await GatewayGuards.TryAuthenticateAsync(context, store, authenticator, state))
            {
                return;
            }

            body = await RequestBodyReader.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
            if (body is null)
            {
                await OpenAIError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                    $"The request body exceeds the limit of {_maxBodyBytes} bytes.", OpenAIError.InvalidRequest, null, "request_too_large");
                return;
            }

            if (ChatRequestParser.Parse(body.Span, out var parseError, out var param) is not { } info)
            {
                await OpenAIError.WriteAsync(context, StatusCodes.Status400BadRequest, parseError!, OpenAIError.InvalidRequest, param, param is null ? "invalid_json" : "missing_required_parameter");
                return;
            }

            state.Model = info.Model;
            state.Stream = info.Stream;
            state.IncludeUsage = info.IncludeUsage;
            state.Body = body.Memory;
            await RouteAsync(context, state);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            state.Fail(499, "client_closed_request");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body exceeds the limit of {_maxBodyBytes} bytes.", OpenAIError.InvalidRequest, null, "request_too_large");
        }
        catch (Exception ex)
        {
            DataPlaneLog.UnhandledException(logger, EndpointName, ex);
            await GatewayGuards.WriteServerErrorAsync(context, state);
        }
        finally
        {
            usage.Record(context, state);
            body?.Dispose();
        }
    }

    private async Task RouteAsync(HttpContext context, GatewayRequestState state)
    {
        var key = state.Key!;
        var route = state.Snapshot!.FindRoute(key.TenantId, state.Model);
        if (route is null)
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status404NotFound,
                $"The model `{state.Model}` does not exist or you do not have access to it.", OpenAIError.InvalidRequest, "model", "model_not_found");
            return;
        }

        if (key.AllowedModels.Count > 0 && !key.AllowedModels.Contains(state.Model, StringComparer.Ordinal))
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"This API key is not allowed to use the model `{state.Model}`.", OpenAIError.Permission, "model", "model_not_allowed");
            return;
        }

        state.Route = route;
        var deployment = routing.Get(route.Snapshot.Strategy).Pick(route);
        state.Deployment = deployment;
        var adapter = providers.Find(deployment.ProviderKind);
        if (adapter is null)
        {
            DataPlaneLog.NoAdapter(logger, deployment.ProviderKind);
            await GatewayGuards.WriteServerErrorAsync(context, state);
            return;
        }

        await adapter.ChatCompletionsAsync(context, state);
    }
}
