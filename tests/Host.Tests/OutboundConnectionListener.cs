using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Host.Tests;

/// <summary>
/// Records every attempt of this process to reach a destination other than loopback, from the runtime's own networking
/// events: a DNS lookup of any name but localhost (System.Net.NameResolution), an HTTP request to any host but a loopback
/// one (System.Net.Http), a socket connect to any non-loopback address (System.Net.Sockets). Listens process-wide.
/// </summary>
public sealed class OutboundConnectionListener : EventListener
{
    private static readonly string[] Sources = ["System.Net.NameResolution", "System.Net.Http", "System.Net.Sockets"];

    private readonly ConcurrentQueue<string> _attempts = new();
    private int _connects;

    public IReadOnlyCollection<string> Attempts => _attempts;

    /// <summary>Socket connects seen (of any destination): shows the listener hears the sockets at all.</summary>
    public int Connects => Volatile.Read(ref _connects);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (Sources.Contains(eventSource.Name))
        {
            EnableEvents(eventSource, EventLevel.Informational, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventSource.Name, e.EventName)
        {
            case ("System.Net.NameResolution", "ResolutionStart"):
                var name = Payload(e, "hostNameOrAddress");
                if (!IsLoopbackHost(name))
                {
                    _attempts.Enqueue($"DNS lookup of {name}");
                }

                break;
            case ("System.Net.Http", "RequestStart"):
                var host = Payload(e, "host");
                if (!IsLoopbackHost(host))
                {
                    _attempts.Enqueue($"HTTP request to {Payload(e, "scheme")}://{host}:{Payload(e, "port")}");
                }

                break;
            case ("System.Net.Sockets", "ConnectStart"):
                Interlocked.Increment(ref _connects);
                var address = Payload(e, "address");
                if (!IsLoopbackSocketAddress(address))
                {
                    _attempts.Enqueue($"socket connect to {address}");
                }

                break;
        }
    }

    private static string Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? Convert.ToString(e.Payload![index], CultureInfo.InvariantCulture) ?? "" : "";
    }

    private static bool IsLoopbackHost(string host)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IsLoopback(address));
    }

    /// <summary>
    /// A <see cref="SocketAddress"/> as the runtime writes it: family, size, then the bytes after the family (port, then the
    /// IPv4 address; or port, flow info, then the IPv6 address): "InterNetwork:16:{0,80,127,0,0,1,…}". Unix sockets are
    /// not network connections.
    /// </summary>
    private static bool IsLoopbackSocketAddress(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length == 3 && parts[0] == nameof(AddressFamily.Unix))
        {
            return true;
        }

        if (parts.Length != 3 || !parts[2].StartsWith('{'))
        {
            return false;
        }

        var bytes = parts[2].Trim('{', '}').Split(',').Select(b => byte.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        return parts[0] switch
        {
            nameof(AddressFamily.InterNetwork) when bytes.Length >= 6 => IsLoopback(new IPAddress(bytes.AsSpan(2, 4))),
            nameof(AddressFamily.InterNetworkV6) when bytes.Length >= 22 => IsLoopback(new IPAddress(bytes.AsSpan(6, 16))),
            _ => false,
        };
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
