using System.Net;
using System.Net.Sockets;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// The control plane's own outbound connections under the egress policy (budget webhooks, identity providers): a handler
/// that resolves the host itself and connects only to an address <see cref="EgressPolicy.DenyReason"/> allows (public, or
/// allowed by <c>Egress:*</c> or by the platform's allow-list the request carries in <see cref="PlatformAllowList"/>), so a
/// name resolving to a private address is refused like the address. No redirects, no proxy, no cookies. A refusal fails the
/// request with an <see cref="HttpRequestException"/> whose inner exception is an <see cref="EgressRefusedException"/>.
/// </summary>
public static class EgressConnector
{
    /// <summary>The platform's allow-list (from the database) for this request; none means only <c>Egress:*</c>.</summary>
    public static readonly HttpRequestOptionsKey<EgressAllowList> PlatformAllowList = new("switchyard.egress.platform");

    public static SocketsHttpHandler CreateHandler(EgressAllowList configured) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, configured, cancellationToken),
    };

    /// <summary>The egress refusal somewhere in <paramref name="exception"/>'s chain of inner exceptions, if any.</summary>
    public static EgressRefusedException? FindRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is EgressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, EgressAllowList configured, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        context.InitialRequestMessage.Options.TryGetValue(PlatformAllowList, out var platform);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = new List<IPAddress>();
        string? reason = null;
        foreach (var resolved in addresses)
        {
            var address = EgressAddressRules.Canonical(resolved);
            var denied = EgressPolicy.DenyReason(endpoint.Host, address, configured, platform ?? EgressAllowList.Empty);
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
