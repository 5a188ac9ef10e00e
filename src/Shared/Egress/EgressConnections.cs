using System.Net.Sockets;

namespace Switchyard.Shared.Egress;

/// <summary>
/// Pooled HTTP connections under the egress policy, for every outbound call of both planes (a node's upstream providers
/// and external guardrails; the control plane's identity providers, budget webhooks and dry-run guardrails). Each
/// connection is opened only to an address the policy allows: public, or allowed by the process's own list
/// (<see cref="EgressOptions"/>) or the platform's allow-list (see <see cref="EgressConnector"/>). A refusal fails the
/// request with an <see cref="HttpRequestException"/> whose inner exception is an <see cref="EgressDeniedException"/>.
/// <para>
/// Pooled connections outlive a policy change, so the connections are pooled per platform allow-list:
/// <see cref="For"/> hands out the pool opened under the list it is given, and a list that differs from the current
/// pool's gets a fresh pool, so a destination taken off the list gets no new request over an old connection (a new
/// snapshot or database read carrying an equal list keeps the connections). Requests in flight finish on the pool they
/// started on; retired pools close their idle connections on their own and are disposed with this instance.
/// </para>
/// </summary>
public sealed class EgressConnections : IDisposable
{
    /// <summary>A connect timeout for the request's new connection (none: the handler's <c>ConnectTimeout</c>).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ConnectTimeout = new("switchyard.connect-timeout");

    private readonly EgressConnector _connector;
    private readonly Action<SocketsHttpHandler>? _configure;
    private readonly Lock _lock = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private volatile Pool? _pool;
    private bool _disposed;

    /// <param name="configured">The process's own allow-list (<see cref="EgressOptions"/>), allowed for every platform list.</param>
    /// <param name="configure">Further settings of each pool's handler (timeouts, HTTP/2, decompression); the egress ones
    /// (no proxy, no redirects, no cookies, the connect callback) are set after it and win.</param>
    /// <param name="refused">Told of every refused connection (e.g. to log it), before the request fails.</param>
    /// <param name="supportsIPv6">Whether IPv6 addresses can be connected to; <see cref="Socket.OSSupportsIPv6"/> unless given.</param>
    public EgressConnections(
        EgressAllowList configured, Action<SocketsHttpHandler>? configure = null, Action<EgressDeniedException>? refused = null, bool? supportsIPv6 = null)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _connector = new EgressConnector(configured, refused, supportsIPv6 ?? Socket.OSSupportsIPv6);
        _configure = configure;
    }

    /// <summary>
    /// The invoker for a request under the platform allow-list <paramref name="platform"/> as it is now (one reference
    /// comparison per call while the list stays the same instance; a value comparison when an equal list is read anew).
    /// </summary>
    public HttpMessageInvoker For(EgressAllowList platform)
    {
        var pool = _pool;
        return pool is not null && ReferenceEquals(pool.Platform, platform) ? pool.Invoker : Refresh(platform);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pool?.Invoker.Dispose();
            foreach (var invoker in _retired)
            {
                invoker.Dispose();
            }

            _retired.Clear();
        }
    }

    private HttpMessageInvoker Refresh(EgressAllowList platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var pool = _pool;
            if (pool is not null && ReferenceEquals(pool.Platform, platform))
            {
                return pool.Invoker;
            }

            // An equal list read anew (a new snapshot, another database read) keeps the pool and its connections.
            var invoker = pool is not null && pool.Platform.Equals(platform) ? pool.Invoker : null;
            if (invoker is null)
            {
                if (pool is not null)
                {
                    _retired.Add(pool.Invoker);
                }

                invoker = CreateInvoker(platform);
            }

            _pool = new Pool(platform, invoker);
            return invoker;
        }
    }

    // Only TCP connections go through the ConnectCallback: requests use HTTP/1.1 or HTTP/2 (never HTTP/3, which needs an
    // explicit version 3.0 request that no caller makes).
    private HttpMessageInvoker CreateInvoker(EgressAllowList platform)
    {
        var handler = new SocketsHttpHandler();
        _configure?.Invoke(handler);
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.ConnectCallback = (context, cancellationToken) => _connector.ConnectAsync(context, platform, cancellationToken);
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <param name="Platform">The platform allow-list the pool's connections are opened under.</param>
    private sealed record Pool(EgressAllowList Platform, HttpMessageInvoker Invoker);
}
