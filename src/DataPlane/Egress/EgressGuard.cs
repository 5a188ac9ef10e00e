using System.Net;
using System.Net.Sockets;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Egress;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the node's upstream connections: resolves the host itself and
/// opens a socket only to addresses the egress policy allows (<see cref="EgressPolicy.DenyReason"/>: public addresses, or
/// those the node's configuration or the platform's allow-list in the current snapshot allow). The check is on the
/// address actually connected to, so a name that resolves to a forbidden address (DNS rebinding) is refused like the
/// address itself. A refusal throws <see cref="EgressDeniedException"/> and is logged (host, port, address, reason).
/// </summary>
/// <param name="configured">The node's own allow-list (<see cref="EgressOptions"/>).</param>
/// <param name="published">The platform's allow-list of the live snapshot, read at every connect.</param>
public sealed class EgressGuard(EgressAllowList configured, Func<EgressAllowList> published, ILogger<EgressGuard> logger)
{
    /// <summary>The platform's allow-list as it is now.</summary>
    public EgressAllowList Published => published();

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(UpstreamConnectTimeout.Key, out var timeout))
        {
            return await ConnectCoreAsync(context, cancellationToken);
        }

        // The route's connect timeout: a connection not established in time fails like an unreachable upstream.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await ConnectCoreAsync(context, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} took longer than {timeout.TotalMilliseconds:F0} ms.");
        }
    }

    private async ValueTask<Stream> ConnectCoreAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);

        var platform = published();
        var allowed = new List<IPAddress>(addresses.Length);
        (IPAddress Address, string Reason)? refused = null;
        foreach (var resolved in addresses)
        {
            var address = EgressAddressRules.Canonical(resolved);
            if (EgressPolicy.DenyReason(endpoint.Host, address, configured, platform) is { } reason)
            {
                refused ??= (address, reason);
            }
            else if (address.AddressFamily == AddressFamily.InterNetwork || Socket.OSSupportsIPv6)
            {
                // The address as resolved (an IPv6 zone is needed to connect), IPv4-mapped ones as IPv4.
                allowed.Add(resolved.IsIPv4MappedToIPv6 ? address : resolved);
            }
        }

        if (allowed.Count == 0)
        {
            if (refused is not { } denied)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            DataPlaneEgressLog.ConnectionRefused(logger, endpoint.Host, endpoint.Port, denied.Address.ToString(), denied.Reason);
            throw new EgressDeniedException(endpoint.Host, denied.Address, denied.Reason);
        }

        // Dual mode (where the OS has IPv6) reaches IPv4 addresses too; only the allowed addresses are tried, in order.
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
