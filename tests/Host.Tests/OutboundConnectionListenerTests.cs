using System.Net;
using System.Net.Sockets;

namespace Switchyard.Host.Tests;

/// <summary>
/// The listener behind the no-calls-home test hears non-loopback attempts. Uses 224.0.0.1 (multicast), which the OS
/// refuses to connect to at once (nothing leaves the machine), and 127.0.0.1 as the loopback case.
/// </summary>
public sealed class OutboundConnectionListenerTests
{
    [Fact]
    public async Task SocketConnectAndHttpRequest_ToNonLoopback_AreRecorded()
    {
        using var listener = new OutboundConnectionListener();

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(IPAddress.Parse("224.0.0.1"), 9));
        }

        using (var http = new HttpClient())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://224.0.0.1:9/"));
        }

        Assert.Contains(listener.Attempts, a => a.StartsWith("socket connect to InterNetwork", StringComparison.Ordinal));
        Assert.Contains(listener.Attempts, a => a.StartsWith("HTTP request to http://224.0.0.1:9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_ToLoopback_IsNotRecorded()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        using var listener = new OutboundConnectionListener();

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)server.LocalEndpoint).Port);
        }

        Assert.True(listener.Connects > 0);
        Assert.Empty(listener.Attempts);
    }
}
