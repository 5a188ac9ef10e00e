using System.Net.Sockets;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// The control plane's own outbound connections under the egress policy (identity providers, budget webhooks, dry-run
/// external guardrails): the shared <see cref="EgressConnections"/> behind an <see cref="EgressHttpHandler"/>, so every
/// connection is to an address that is public or allowed by <c>Egress:*</c> or by the platform's allow-list the request
/// carries in <see cref="EgressHttpHandler.PlatformAllowList"/> (set by <see cref="PlatformEgressHandler"/> or the caller),
/// and a list without an entry that a pooled connection was opened under is refused on the next request. No redirects,
/// no proxy, no cookies. A refusal fails the request with an <see cref="HttpRequestException"/> whose inner exception is
/// an <see cref="EgressDeniedException"/>.
/// </summary>
public static class ControlPlaneEgress
{
    /// <param name="configured">The control plane's <c>Egress:*</c> allow-list.</param>
    /// <param name="supportsIPv6">Whether IPv6 addresses can be connected to; <see cref="Socket.OSSupportsIPv6"/> unless given.</param>
    public static EgressHttpHandler CreateHandler(EgressAllowList configured, bool? supportsIPv6 = null) =>
        new(new EgressConnections(configured, handler => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2), supportsIPv6: supportsIPv6));
}
