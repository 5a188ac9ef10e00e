using System.Net;

namespace Switchyard.Shared.Egress;

/// <summary>
/// A connection the egress policy refused (<see cref="EgressConnections"/>) instead of opening it; the HTTP stack wraps it
/// in an <see cref="HttpRequestException"/>. The message (e.g. "the egress policy refuses 127.0.0.1 (loopback)") names
/// the address and the reason, never a URL's path or query.
/// </summary>
public sealed class EgressDeniedException : IOException
{
    public EgressDeniedException(string host, int port, IPAddress address, string reason)
        : base($"the egress policy refuses {address} ({reason})")
    {
        Host = host;
        Port = port;
        Address = address;
        Reason = reason;
    }

    /// <summary>The host as in the URL (a name or an address literal).</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary>The refused address (IPv4-mapped forms as IPv4, without an IPv6 zone).</summary>
    public IPAddress Address { get; }

    /// <summary>Why the address is refused, e.g. "loopback".</summary>
    public string Reason { get; }

    /// <summary>The egress refusal in <paramref name="exception"/> or its chain of inner exceptions, if any.</summary>
    public static EgressDeniedException? Find(Exception? exception) => ExceptionChain.Find<EgressDeniedException>(exception);
}
