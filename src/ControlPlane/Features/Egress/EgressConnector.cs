using System.Net;
using System.Net.Sockets;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// Opens the control plane's own outbound connections (budget webhooks, external guardrails in dry runs) under the egress
/// policy: it resolves the host itself and connects only to an address <see cref="EgressPolicy.DenyReason"/> allows
/// (public, or allowed by <c>Egress:*</c> or the platform's allow-list), so a name resolving to a private address is
/// refused like the address. A refusal is an <see cref="IOException"/> naming the address and the reason.
/// </summary>
public static class EgressConnector
{
    /// <summary>A handler for <see cref="SocketsHttpHandler.ConnectCallback"/>-based clients: no redirects, proxy or cookies.</summary>
    public static SocketsHttpHandler CreateHandler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = connect,
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, EgressAllowList configured, EgressAllowList platform, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = new List<IPAddress>();
        string? reason = null;
        foreach (var resolved in addresses)
        {
            var address = EgressAddressRules.Canonical(resolved);
            var denied = EgressPolicy.DenyReason(endpoint.Host, address, configured, platform);
            if (denied is null)
            {
                allowed.Add(address);
            }
            else
            {
                reason ??= $"the egress policy refuses {address} ({denied})";
            }
        }

        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(reason ?? $"{endpoint.Host} did not resolve");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
