using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// What every gateway endpoint with a body does around its own work: request state on the context, key
/// authentication, the body read within the size limit, errors in the endpoint's dialect (a client that went away is
/// recorded as 499, a bug as a 500 without details), and exactly one usage record at the end.
/// </summary>
public sealed class GatewayPipeline(
    SnapshotStore store,
    VirtualKeyAuthenticator authenticator,
    RoutingPolicyRegistry routing,
    UsageRecorder usage,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<GatewayPipeline> logger)
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    /// <summary>An endpoint's own work on an authenticated request; the body is valid until it returns.</summary>
    public delegate Task Handler(HttpContext context, GatewayRequestState state, ReadOnlyMemory<byte> body);

    public TimeProvider Time => time;

    public async Task RunAsync(HttpContext context, string endpoint, ChatDialect dialect, Handler handle)
    {
        var state = new GatewayRequestState(endpoint, time.GetTimestamp());
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

            await handle(context, state, body.Memory);
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
            DataPlaneLog.UnhandledException(logger, endpoint, ex);
            await GatewayGuards.WriteServerErrorAsync(context, state, dialect);
        }
        finally
        {
            usage.Record(context, state);
            body?.Dispose();
        }
    }

    /// <summary>
    /// Finds the route of <see cref="GatewayRequestState.Model"/> for the caller's key (404 or 403 in the dialect) and
    /// picks one of its deployments; null when an error was written.
    /// </summary>
    public async Task<RuntimeDeployment?> RouteAsync(HttpContext context, GatewayRequestState state, ChatDialect dialect)
    {
        if (await GatewayGuards.TryRouteAsync(context, state, dialect) is not { } route)
        {
            return null;
        }

        var deployment = routing.Get(route.Snapshot.Strategy).Pick(route);
        state.Deployment = deployment;
        return deployment;
    }
}
