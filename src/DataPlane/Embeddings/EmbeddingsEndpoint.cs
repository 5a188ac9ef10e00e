using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Embeddings;

/// <summary><c>POST /v1/embeddings</c> (OpenAI dialect): authenticate, parse, route, embed through the deployment's provider, account.</summary>
public sealed class EmbeddingsEndpoint(
    OpenAIDialect dialect,
    SnapshotStore store,
    VirtualKeyAuthenticator authenticator,
    RoutingPolicyRegistry routing,
    ProviderRegistry providers,
    UsageRecorder usage,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<EmbeddingsEndpoint> logger)
{
    public const string EndpointName = "embeddings";
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context)
    {
        var state = new GatewayRequestState(EndpointName, time.GetTimestamp());
        context.Features.Set(state);
        PooledBody? body = null;
        try
        {
            if (!await GatewayGuards.TryAuthenticateAsync(context, store, authenticator, state, dialect))
            {
                return;
            }

            body = await RequestBodyReader.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
            if (body is null)
            {
                await GatewayGuards.WriteTooLargeAsync(context, dialect, _maxBodyBytes);
                return;
            }

            if (EmbeddingRequestParser.Parse(body.Span, out var parseError) is not { } request)
            {
                await dialect.WriteErrorAsync(context, parseError!);
                return;
            }

            state.Model = request.Model;
            if (await GatewayGuards.TryRouteAsync(context, state, dialect) is not { } route)
            {
                return;
            }

            var deployment = routing.Get(route.Snapshot.Strategy).Pick(route);
            state.Deployment = deployment;
            await EmbedAsync(context, state, request, deployment);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            state.Fail(499, "client_closed_request");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await GatewayGuards.WriteTooLargeAsync(context, dialect, _maxBodyBytes);
        }
        catch (Exception ex)
        {
            DataPlaneLog.UnhandledException(logger, EndpointName, ex);
            await GatewayGuards.WriteServerErrorAsync(context, state, dialect);
        }
        finally
        {
            usage.Record(context, state);
            body?.Dispose();
        }
    }

    private async Task EmbedAsync(HttpContext context, GatewayRequestState state, EmbeddingRequest request, RuntimeDeployment deployment)
    {
        if (providers.FindEmbeddings(deployment.ProviderKind) is not { } provider)
        {
            await dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{request.Model}` cannot create embeddings (provider kind '{deployment.ProviderKind}').", "model", "model_not_supported"));
            return;
        }

        if (deployment.Snapshot.Capabilities is { Embeddings: false })
        {
            await dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{request.Model}` does not support embeddings.", "model", "model_not_supported"));
            return;
        }

        var result = await provider.EmbedAsync(request, deployment, context.RequestAborted);
        if (result.Error is { } error)
        {
            await dialect.WriteErrorAsync(context, error);
            return;
        }

        var response = result.Value!;
        if (response.Vectors.Count != request.Inputs.Count)
        {
            await dialect.WriteErrorAsync(context, GatewayError.Upstream(
                $"The upstream provider returned {response.Vectors.Count} embeddings for {request.Inputs.Count} inputs.", "invalid_upstream_response"));
            return;
        }

        state.Usage = new TokenUsage(response.PromptTokens, 0);
        state.MarkFirstByte(time.GetTimestamp());
        await EmbeddingResponseWriter.WriteAsync(context, request, response);
    }
}
