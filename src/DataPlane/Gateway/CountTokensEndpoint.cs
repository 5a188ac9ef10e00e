using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: a Messages body (without <c>max_tokens</c>) answered with
/// <c>{"input_tokens":N}</c> by the provider behind the model, when that provider can count tokens.
/// </summary>
public sealed class CountTokensEndpoint(
    AnthropicDialect dialect,
    SnapshotStore store,
    VirtualKeyAuthenticator authenticator,
    RoutingPolicyRegistry routing,
    ProviderRegistry providers,
    UsageRecorder usage,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<CountTokensEndpoint> logger)
{
    public const string EndpointName = "messages.count_tokens";

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

            if (dialect.Scan(body.Span, requireMaxTokens: false, out var scanError) is not { } info)
            {
                await dialect.WriteErrorAsync(context, scanError!);
                return;
            }

            state.Model = info.Model;
            if (await GatewayGuards.TryRouteAsync(context, state, dialect) is not { } route)
            {
                return;
            }

            var deployment = routing.Get(route.Snapshot.Strategy).Pick(route);
            state.Deployment = deployment;
            if (providers.FindChat(deployment.ProviderKind) is not ITokenCounter counter)
            {
                await dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                    $"The provider behind the model `{state.Model}` ({deployment.ProviderKind}) cannot count tokens.", "model", "count_tokens_unsupported"));
                return;
            }

            if (dialect.Parse(body.Span, requireMaxTokens: false, out var parseError) is not { } request)
            {
                await dialect.WriteErrorAsync(context, parseError!);
                return;
            }

            var result = await counter.CountTokensAsync(request, deployment, context.RequestAborted);
            if (result.Error is { } error)
            {
                await dialect.WriteErrorAsync(context, error);
                return;
            }

            state.MarkFirstByte(time.GetTimestamp());
            await WriteCountAsync(context, result.Value!.InputTokens);
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

    private static async Task WriteCountAsync(HttpContext context, int inputTokens)
    {
        using var buffer = new PooledBufferWriter(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("input_tokens", inputTokens);
            w.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
