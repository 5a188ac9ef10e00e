using System.Net;

namespace Switchyard.Shared.Egress;

/// <summary>
/// The platform's egress policy: a data-plane node may connect to public addresses, and to a non-public one (see
/// <see cref="EgressAddressRules"/>) only when an <see cref="EgressAllowList"/> allows its host name or address.
/// Nodes apply <see cref="DenyReason"/> at connect time to every resolved address; the control plane applies
/// <see cref="LiteralDenyReason"/> when a route is saved, to catch what it can see without resolving names.
/// </summary>
public static class EgressPolicy
{
    /// <summary>
    /// Null when a connection to <paramref name="address"/>, resolved from <paramref name="host"/> (the URL's host: a name
    /// or an address literal), is allowed; otherwise why not (e.g. "loopback").
    /// </summary>
    public static string? DenyReason(string host, IPAddress address, params ReadOnlySpan<EgressAllowList> allowed)
    {
        var reason = EgressAddressRules.ForbiddenReason(address);
        if (reason is null)
        {
            return null;
        }

        foreach (var list in allowed)
        {
            if (list.AllowsAddress(address) || list.AllowsHost(host))
            {
                return null;
            }
        }

        return reason;
    }

    /// <summary>
    /// Why a base URL's host is refused without resolving it: an address literal the policy forbids (in any spelling the
    /// URL parser accepts, e.g. <c>http://2130706433</c> or <c>http://[::ffff:127.0.0.1]</c>), or a <c>localhost</c> name.
    /// Null when nothing can be said before connecting (other names are checked by the node on the resolved address).
    /// </summary>
    public static string? LiteralDenyReason(Uri url, params ReadOnlySpan<EgressAllowList> allowed)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost;
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            var zone = host.IndexOf('%', StringComparison.Ordinal);
            var address = IPAddress.Parse(zone < 0 ? host : host[..zone]);
            var reason = DenyReason(host, address, allowed);
            return reason is null ? null : $"{address} is not a public address ({reason})";
        }

        var name = EgressAllowList.NormalizeName(host);
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return DenyReason(host, IPAddress.Loopback, allowed) is null && DenyReason(host, IPAddress.IPv6Loopback, allowed) is null
                ? null
                : $"{host} is not a public address (loopback)";
        }

        return null;
    }
}
