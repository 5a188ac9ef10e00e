using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Egress;

/// <summary>
/// A route's per-attempt connect timeout (<c>timeouts.connectMs</c>) on its way to the egress connections
/// (<see cref="EgressConnections.ConnectTimeout"/>):
/// the forward stage sets it for the attempt's asynchronous flow, the request builders copy it into the upstream
/// request's options, and the connector ends a connection attempt that takes longer (the attempt then fails as unreachable
/// and is retried). Nothing is set, read or allocated for routes without one.
/// </summary>
public static class UpstreamConnectTimeout
{
    public static readonly HttpRequestOptionsKey<TimeSpan> Key = EgressConnections.ConnectTimeout;

    private static readonly AsyncLocal<TimeSpan?> Current = new();

    /// <summary>Sets the timeout for the rest of the current asynchronous flow (an attempt).</summary>
    public static void Set(TimeSpan timeout) => Current.Value = timeout;

    /// <summary>Copies the current flow's timeout, if any, into the request's options.</summary>
    public static void Apply(HttpRequestMessage request)
    {
        if (Current.Value is { } timeout)
        {
            request.Options.Set(Key, timeout);
        }
    }
}
