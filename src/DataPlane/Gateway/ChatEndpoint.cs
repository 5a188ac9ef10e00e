using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// A chat endpoint of one inbound dialect (<c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>): authenticate,
/// read and check the body, authorise, route, then either forward unchanged (same wire format upstream) or translate
/// through the canonical model to the deployment's provider, and account.
/// </summary>
public sealed class ChatEndpoint(
    ChatDialect dialect,
    SnapshotStore store,
    VirtualKeyAuthenticator authenticator,
    RoutingPolicyRegistry routing,
    ProviderRegistry providers,
    UsageRecorder usage,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<ChatEndpoint> logger)
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public ChatDialect Dialect => dialect;

    public async Task HandleAsync(HttpContext context)
    {
        var state = new GatewayRequestState(dialect.EndpointName, time.GetTimestamp());
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

            if (dialect.Scan(body.Span, out var scanError) is not { } info)
            {
                await dialect.WriteErrorAsync(context, scanError!);
                return;
            }

            state.Model = info.Model;
            state.Stream = info.Stream;
            state.IncludeUsage = info.IncludeUsage;
            state.Body = body.Memory;
            if (await GatewayGuards.TryRouteAsync(context, state, dialect) is not { } route)
            {
                return;
            }

            var deployment = routing.Get(route.Snapshot.Strategy).Pick(route);
            state.Deployment = deployment;
            var capabilities = deployment.Snapshot.Capabilities;
            var passThrough = dialect.AllowsPassThrough ? providers.FindPassThrough(deployment.ProviderKind) : null;
            if (passThrough is not null && CapabilityGuard.IsUnrestricted(capabilities))
            {
                await passThrough.ChatCompletionsAsync(context, state);
                return;
            }

            if (dialect.Parse(body.Span, out var parseError) is not { } request)
            {
                await dialect.WriteErrorAsync(context, parseError!);
                return;
            }

            if (CapabilityGuard.Check(request, capabilities, route.Snapshot.DropUnsupportedParams, out var changed) is { } unsupported)
            {
                await dialect.WriteErrorAsync(context, unsupported);
                return;
            }

            if (passThrough is not null && !changed)
            {
                await passThrough.ChatCompletionsAsync(context, state);
                return;
            }

            await TranslateAsync(context, state, deployment, request);
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
            DataPlaneLog.UnhandledException(logger, dialect.EndpointName, ex);
            await GatewayGuards.WriteServerErrorAsync(context, state, dialect);
        }
        finally
        {
            usage.Record(context, state);
            body?.Dispose();
        }
    }

    private async Task TranslateAsync(HttpContext context, GatewayRequestState state, RuntimeDeployment deployment, ChatRequest request)
    {
        if (providers.FindChat(deployment.ProviderKind) is not { } provider)
        {
            DataPlaneLog.NoAdapter(logger, deployment.ProviderKind);
            await dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{state.Model}` is served by provider kind '{deployment.ProviderKind}', which cannot answer chat requests.", "model"));
            return;
        }

        await ServeAsync(context, state, request, deployment, provider);
    }

    private async Task ServeAsync(HttpContext context, GatewayRequestState state, ChatRequest request, RuntimeDeployment deployment, IChatProvider provider)
    {
        var aborted = context.RequestAborted;
        if (request.Stream)
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var sink = dialect.CreateStreamSink(context, request);
            if (await provider.StreamAsync(request, deployment, sink, aborted) is { } streamError)
            {
                await dialect.WriteErrorAsync(context, streamError);
            }

            return;
        }

        var result = await provider.CompleteAsync(request, deployment, aborted);
        if (result.Error is { } error)
        {
            await dialect.WriteErrorAsync(context, error);
            return;
        }

        state.Usage = result.Value!.Usage;
        state.MarkFirstByte(time.GetTimestamp());
        await dialect.WriteResponseAsync(context, request, result.Value);
    }
}
