using System.Diagnostics;
using System.Net;
using Switchyard.DataPlane.Egress;
using Switchyard.Shared.Egress;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>
/// The pooled <see cref="HttpMessageInvoker"/> every upstream request shares (YARP pass-through and translating
/// providers). Its connections are opened by <see cref="EgressGuard"/>, so every one of them is to an address the egress
/// policy allows. Pooled connections outlive a policy change, so when the platform's allow-list in the snapshot changes,
/// new requests get a fresh pool: a destination taken off the list gets no new request over an old connection. Requests
/// in flight finish on the pool they started on; retired pools close their idle connections on their own and are
/// disposed with this client.
/// </summary>
public sealed class UpstreamHttpClient : IDisposable
{
    private readonly EgressGuard _egress;
    private readonly Lock _lock = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private volatile Pool _pool;

    public UpstreamHttpClient(EgressGuard egress)
    {
        _egress = egress;
        _pool = new Pool(null, CreateInvoker(egress));
    }

    /// <summary>The invoker for a new request (one reference comparison per call while the policy stays the same).</summary>
    public HttpMessageInvoker Invoker
    {
        get
        {
            var pool = _pool;
            var published = _egress.Published;
            return ReferenceEquals(pool.Policy, published) ? pool.Invoker : Refresh(published);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pool.Invoker.Dispose();
            foreach (var invoker in _retired)
            {
                invoker.Dispose();
            }

            _retired.Clear();
        }
    }

    private HttpMessageInvoker Refresh(EgressAllowList published)
    {
        lock (_lock)
        {
            var pool = _pool;
            if (ReferenceEquals(pool.Policy, published))
            {
                return pool.Invoker;
            }

            // The first request adopts the pool; a new snapshot usually carries the same list: keep the connections then.
            var invoker = pool.Invoker;
            if (pool.Policy is not null && !pool.Policy.Equals(published))
            {
                _retired.Add(invoker);
                invoker = CreateInvoker(_egress);
            }

            _pool = new Pool(published, invoker);
            return invoker;
        }
    }

    // Only TCP connections go through the ConnectCallback: requests use HTTP/1.1 or HTTP/2 (never HTTP/3, which needs
    // an explicit version 3.0 request; neither the providers nor the forwarder's default config ask for it).
    private static HttpMessageInvoker CreateInvoker(EgressGuard egress) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        ConnectCallback = egress.ConnectAsync,
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    }, disposeHandler: true);

    /// <param name="Policy">The platform allow-list the pool's connections were opened under; null before the first request.</param>
    private sealed record Pool(EgressAllowList? Policy, HttpMessageInvoker Invoker);
}
