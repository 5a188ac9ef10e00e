using System.Diagnostics;
using System.Net;
using Switchyard.DataPlane.Egress;
using Switchyard.Shared.Egress;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>
/// The pooled <see cref="HttpMessageInvoker"/> every upstream request shares (YARP pass-through and translating
/// providers). Its connections are the node's <see cref="EgressConnections"/> (<see cref="EgressGuard"/>), so every one of
/// them is to an address the egress policy allows, and when the platform's allow-list in the snapshot changes, new
/// requests get a fresh pool: a destination taken off the list gets no new request over an old connection.
/// </summary>
public sealed class UpstreamHttpClient(EgressGuard egress) : IDisposable
{
    private readonly EgressConnections _connections = egress.CreateConnections(handler =>
    {
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.EnableMultipleHttp2Connections = true;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
        handler.ConnectTimeout = TimeSpan.FromSeconds(15);
        handler.ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current);
    });

    /// <summary>The invoker for a new request (one reference comparison per call while the policy stays the same).</summary>
    public HttpMessageInvoker Invoker => _connections.For(egress.Published);

    public void Dispose() => _connections.Dispose();
}
