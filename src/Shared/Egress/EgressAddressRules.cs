using System.Net;
using System.Net.Sockets;

namespace Switchyard.Shared.Egress;

/// <summary>
/// Which IP addresses are not public destinations: loopback, private, carrier-grade NAT, link-local, unique-local,
/// multicast, unspecified, broadcast and the other special-purpose ranges of the IANA registries that are not globally
/// reachable. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms are judged by the IPv4 address they carry, so
/// <c>[::ffff:127.0.0.1]</c> is loopback like <c>127.0.0.1</c> (and like <c>2130706433</c> or <c>0x7f.1</c>, which
/// parse to it).
/// </summary>
public static class EgressAddressRules
{
    private static readonly (IPNetwork Network, string Reason)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
    ];

    private static readonly (IPNetwork Network, string Reason)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "reserved (IPv4-compatible)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "private"),
        (IPNetwork.Parse("100::/64"), "reserved"),
        (IPNetwork.Parse("2001::/32"), "reserved (Teredo)"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>The address a connection really reaches: IPv4-mapped IPv6 addresses become IPv4, the scope id is dropped.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    /// <summary>Why <paramref name="address"/> is not a public destination (e.g. "loopback"), or null when it is one.</summary>
    public static string? ForbiddenReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Canonical(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(V4, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (Nat64.Contains(address))
        {
            return ForbiddenReason(Embedded(address, 12));
        }

        if (SixToFour.Contains(address))
        {
            return ForbiddenReason(Embedded(address, 2));
        }

        return Match(V6, address);
    }

    private static string? Match((IPNetwork Network, string Reason)[] table, IPAddress address)
    {
        foreach (var (network, reason) in table)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address carried in 4 bytes of an IPv6 address, starting at <paramref name="offset"/>.</summary>
    private static IPAddress Embedded(IPAddress address, int offset)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes.Slice(offset, 4));
    }
}
