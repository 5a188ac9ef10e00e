using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>The one pooled <see cref="HttpMessageInvoker"/> every forwarded request shares.</summary>
public sealed class UpstreamHttpClient : IDisposable
{
    public UpstreamHttpClient()
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        }, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
