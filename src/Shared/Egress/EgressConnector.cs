using System.Net;
using System.Net.Sockets;

namespace Switchyard.Shared.Egress;

/// <summary>
/// Opens the TCP connections of <see cref="EgressConnections"/>: resolves the host itself and connects only to addresses
/// <see cref="EgressPolicy.DenyReason"/> allows under the configured list and the platform list of the pool the connection
/// is for. The check is on the address actually connected to, so a name that resolves (or is re-pointed) to a forbidden
/// address is refused like the address itself. IPv6 addresses keep their zone (a link-local address needs it to connect)
/// and are skipped where the OS has no IPv6.
/// </summary>
internal sealed class EgressConnector(EgressAllowList configured, Action<EgressDeniedException>? refused, bool supportsIPv6)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, EgressAllowList platform, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(EgressConnections.ConnectTimeout, out var timeout))
        {
            return await ConnectCoreAsync(context.DnsEndPoint, platform, cancellationToken);
        }

        // The caller's connect timeout: a connection not established in time fails like an unreachable destination.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await ConnectCoreAsync(context.DnsEndPoint, platform, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} took longer than {timeout.TotalMilliseconds:F0} ms.");
        }
    }

    private async ValueTask<Stream> ConnectCoreAsync(DnsEndPoint endpoint, EgressAllowList platform, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);

        var allowed = new List<IPAddress>(addresses.Length);
        EgressDeniedException? denied = null;
        var withoutIPv6 = false;
        foreach (var resolved in addresses)
        {
            var address = EgressAddressRules.Canonical(resolved);
            if (EgressPolicy.DenyReason(endpoint.Host, address, configured, platform) is { } reason)
            {
                denied ??= new EgressDeniedException(endpoint.Host, endpoint.Port, address, reason);
            }
            else if (address.AddressFamily == AddressFamily.InterNetwork || supportsIPv6)
            {
                // The address as resolved (an IPv6 zone is needed to connect), IPv4-mapped ones as IPv4.
                allowed.Add(resolved.IsIPv4MappedToIPv6 ? address : resolved);
            }
            else
            {
                withoutIPv6 = true;
            }
        }

        if (allowed.Count == 0)
        {
            if (denied is not null)
            {
                refused?.Invoke(denied);
                throw denied;
            }

            throw new SocketException((int)(withoutIPv6 ? SocketError.AddressFamilyNotSupported : SocketError.HostNotFound));
        }

        // Dual mode (where the OS has IPv6) reaches IPv4 addresses too; only the allowed addresses are tried, in order.
        var socket = supportsIPv6
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
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
