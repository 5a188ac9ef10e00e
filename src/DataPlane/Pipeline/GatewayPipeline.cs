using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// Runs a gateway request through the ordered <see cref="IGatewayStage"/>s until one ends it, then completes it for
/// the <see cref="IResponseListener"/>s (usage accounting) whatever happened. A caller that went away is recorded as
/// 499; a bug becomes a 500 in the dialect without details (or an aborted connection once the response started). Every
/// request is counted in flight for the node's graceful drain (<see cref="NodeDrain"/>); one arriving while the node
/// drains is answered on a connection marked to close, so clients and load balancers reconnect elsewhere.
/// </summary>
public sealed class GatewayPipeline
{
    private readonly IGatewayStage[] _stages;
    private readonly string?[] _spanNames;
    private readonly IResponseListener[] _listeners;
    private readonly IResponseListener[] _bodyListeners;
    private readonly TimeProvider _time;
    private readonly NodeDrain _drain;
    private readonly ILogger<GatewayPipeline> _logger;

    public GatewayPipeline(
        IEnumerable<IGatewayStage> stages, IEnumerable<IResponseListener> listeners, TimeProvider time, NodeDrain drain, ILogger<GatewayPipeline> logger)
    {
        _drain = drain;
        _stages = [.. stages.OrderBy(s => s.Order)];
        _spanNames = [.. _stages.Select(s => GatewayTracing.TracesStage(s) ? GatewayTracing.StageSpanName(s) : null)];
        _listeners = [.. listeners];
        _bodyListeners = [.. _listeners.Where(WatchesBody)];
        _time = time;
        _logger = logger;
        var duplicate = _stages.GroupBy(s => s.Order).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Gateway stages {string.Join(", ", duplicate.Select(s => s.Name))} share the position {duplicate.Key}.");
        }
    }

    /// <summary>The stage names in the order they run.</summary>
    public IReadOnlyList<string> StageNames => [.. _stages.Select(s => s.Name)];

    /// <summary>The request delegate serving <paramref name="endpoint"/>.</summary>
    public RequestDelegate For(GatewayEndpoint endpoint) => http => RunAsync(http, endpoint);

    public async Task RunAsync(HttpContext http, GatewayEndpoint endpoint)
    {
        var tracked = _drain.TryEnter();
        if (!tracked && HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            http.Response.Headers.Connection = "close";
        }

        GatewayTracing.RequestStarted(http);
        var context = new GatewayContext(http, endpoint, _time, _listeners, _bodyListeners);
        http.Features.Set(context);
        http.Features.Set<IResponseObserver>(context);
        try
        {
            for (var i = 0; i < _stages.Length; i++)
            {
                if (!await (_spanNames[i] is { } span && GatewayTracing.Listening ? RunTracedAsync(_stages[i], span, context) : _stages[i].RunAsync(context)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            context.Failed(499, "client_closed_request");
        }
        catch (Exception ex)
        {
            DataPlaneLog.UnhandledException(_logger, endpoint.Name, ex);
            await WriteServerErrorAsync(context);
        }
        finally
        {
            context.Complete();
            if (tracked)
            {
                _drain.Exit();
            }
        }
    }

    /// <summary>A stage with its own span (<see cref="GatewayTracing.StartStage"/>); only while tracing listens (no extra state machine otherwise).</summary>
    private static async ValueTask<bool> RunTracedAsync(IGatewayStage stage, string spanName, GatewayContext context)
    {
        using var activity = GatewayTracing.StartStage(spanName, stage.Name);
        var passed = await stage.RunAsync(context);
        GatewayTracing.StageEnded(activity, context, passed);
        return passed;
    }

    /// <summary>True when the listener implements <see cref="IResponseListener.BodyWritten"/> (the others are not called per chunk).</summary>
    private static bool WatchesBody(IResponseListener listener)
    {
        var map = listener.GetType().GetInterfaceMap(typeof(IResponseListener));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IResponseListener.BodyWritten));
        return map.TargetMethods[index].DeclaringType != typeof(IResponseListener);
    }

    private static async Task WriteServerErrorAsync(GatewayContext context)
    {
        var http = context.Http;
        if (http.Response.HasStarted)
        {
            context.Failed(StatusCodes.Status500InternalServerError, "server_error");
            http.Abort();
            return;
        }

        http.Response.Clear();
        await context.Dialect.WriteErrorAsync(http, GatewayError.Server());
    }
}
