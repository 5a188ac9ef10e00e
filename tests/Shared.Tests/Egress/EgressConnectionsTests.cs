using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Switchyard.Shared.Egress;
using Switchyard.Shared.Tests.Infrastructure;

namespace Switchyard.Shared.Tests.Egress;

/// <summary>
/// The outbound connections of both planes (<see cref="EgressConnections"/>, and <see cref="EgressHttpHandler"/> for
/// clients that carry the platform's list per request) against a keep-alive server: what is connected to, what is refused
/// without connecting, and when a pooled connection is no longer used.
/// </summary>
public sealed class EgressConnectionsTests : IDisposable
{
    private static readonly EgressAllowList Loopback = Allow("127.0.0.1/32");

    private readonly KeepAliveHttpServer _server = new(IPAddress.Loopback);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:7f00:1]")]
    public async Task For_LoopbackInAnySpelling_RefusedWithoutConnecting(string host)
    {
        using var connections = new EgressConnections(EgressAllowList.Empty);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(connections.For(EgressAllowList.Empty), $"http://{host}:{_server.Port}/"));

        var denied = EgressDeniedException.Find(error);
        Assert.NotNull(denied);
        Assert.Equal(IPAddress.Loopback, denied.Address);
        Assert.Equal("the egress policy refuses 127.0.0.1 (loopback)", denied.Message);
        Assert.Equal(0, _server.Connections);
    }

    [Fact]
    public async Task For_NameResolvingToLoopback_RefusedAtConnectAndReported()
    {
        // Like DNS rebinding: the name is harmless text; the address it resolves to is what is refused.
        var reported = new List<EgressDeniedException>();
        using var connections = new EgressConnections(EgressAllowList.Empty, refused: reported.Add);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(connections.For(EgressAllowList.Empty), $"http://localhost:{_server.Port}/"));

        var denied = EgressDeniedException.Find(error)!;
        Assert.Equal(("localhost", _server.Port, "loopback"), (denied.Host, denied.Port, denied.Reason));
        Assert.True(IPAddress.IsLoopback(denied.Address));
        Assert.Same(denied, Assert.Single(reported));
        Assert.Equal(0, _server.Connections);
    }

    [Fact]
    public async Task For_NetworkAllowedByConfiguredList_Connects()
    {
        using var connections = new EgressConnections(Loopback);

        await GetAsync(connections.For(EgressAllowList.Empty), $"http://127.0.0.1:{_server.Port}/");

        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task For_HostAllowedByPlatformList_ConnectsByNameButNotByAddress()
    {
        var platform = EgressAllowList.TryCreate(["localhost"], [], out _)!;
        using var connections = new EgressConnections(EgressAllowList.Empty);

        await GetAsync(connections.For(platform), $"http://localhost:{_server.Port}/");
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(connections.For(platform), $"http://127.0.0.1:{_server.Port}/"));

        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task For_AllowanceRemovedFromPlatformList_NextRequestRefusedAlthoughPooledConnectionIsOpen()
    {
        using var connections = new EgressConnections(EgressAllowList.Empty);
        await GetAsync(connections.For(Loopback), $"http://127.0.0.1:{_server.Port}/");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(connections.For(EgressAllowList.Empty), $"http://127.0.0.1:{_server.Port}/"));

        Assert.NotNull(EgressDeniedException.Find(error));
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task For_EqualPlatformListReadAnew_KeepsThePooledConnection()
    {
        using var connections = new EgressConnections(EgressAllowList.Empty);
        await GetAsync(connections.For(Allow("127.0.0.1/32")), $"http://127.0.0.1:{_server.Port}/");

        await GetAsync(connections.For(Allow("127.0.0.1/32")), $"http://127.0.0.1:{_server.Port}/");

        Assert.Equal((1, 2), (_server.Connections, _server.Requests));
    }

    [Fact]
    public async Task For_ConnectTimeoutElapsed_TimeoutNamingHostAndPort()
    {
        using var full = new TcpListener(IPAddress.Loopback, 0);
        var fillers = await FillAcceptQueueAsync(full);
        try
        {
            using var connections = new EgressConnections(Loopback);
            var port = ((IPEndPoint)full.LocalEndpoint).Port;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            request.Options.Set(EgressConnections.ConnectTimeout, TimeSpan.FromMilliseconds(200));

            var error = await Assert.ThrowsAsync<HttpRequestException>(() => connections.For(EgressAllowList.Empty).SendAsync(request, CancellationToken.None));

            var timeout = Assert.IsType<TimeoutException>(error.InnerException);
            Assert.Equal($"Connecting to 127.0.0.1:{port} took longer than 200 ms.", timeout.Message);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task For_IPv6OnlyDestinationWhereTheOsHasNoIPv6_FailsWithoutConnecting()
    {
        using var server = new KeepAliveHttpServer(IPAddress.IPv6Loopback);
        var allowed = Allow("::1/128");
        using var withIPv6 = new EgressConnections(allowed, supportsIPv6: true);
        using var withoutIPv6 = new EgressConnections(allowed, supportsIPv6: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(withoutIPv6.For(EgressAllowList.Empty), $"http://[::1]:{server.Port}/"));
        Assert.Equal(0, server.Connections);
        await GetAsync(withIPv6.For(EgressAllowList.Empty), $"http://[::1]:{server.Port}/");

        Assert.Equal(SocketError.AddressFamilyNotSupported, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task For_IPv6LinkLocalAddressWithZone_ConnectsThroughTheZone()
    {
        // A link-local address is only reachable through its zone (the interface); this machine's, when it has one.
        if (LinkLocalAddress() is not { } address)
        {
            return;
        }

        using var server = new KeepAliveHttpServer(address);
        using var connections = new EgressConnections(EgressAllowList.Empty);

        await GetAsync(connections.For(Allow("fe80::/10")), $"http://[{address}]:{server.Port}/");

        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task EgressHttpHandler_PlatformListCarriedByTheRequest_AllowsUntilARequestComesWithoutIt()
    {
        using var client = new HttpClient(new EgressHttpHandler(new EgressConnections(EgressAllowList.Empty)));
        using var allowed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_server.Port}/");
        allowed.Options.Set(EgressHttpHandler.PlatformAllowList, Loopback);
        using var without = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_server.Port}/");

        using (var response = await client.SendAsync(allowed))
        {
            response.EnsureSuccessStatusCode();
        }

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(without));

        Assert.NotNull(EgressDeniedException.Find(error));
        Assert.Equal(1, _server.Requests);
    }

    public void Dispose() => _server.Dispose();

    private static EgressAllowList Allow(string network) => EgressAllowList.TryCreate([], [network], out _)!;

    private static async Task GetAsync(HttpMessageInvoker invoker, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await invoker.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Starts <paramref name="listener"/> with no backlog and connects to it without accepting until a connection attempt
    /// no longer completes: from then on the listener's kernel drops new connection attempts, which hang until abandoned.
    /// </summary>
    private static async Task<List<Socket>> FillAcceptQueueAsync(TcpListener listener)
    {
        listener.Start(0);
        var fillers = new List<Socket>();
        for (var i = 0; i < 16; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(socket);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.ConnectAsync(listener.LocalEndpoint, wait.Token);
            }
            catch (OperationCanceledException)
            {
                return fillers;
            }
        }

        throw new Xunit.Sdk.XunitException("The listener kept accepting connections; cannot make a connection attempt hang.");
    }

    /// <summary>An IPv6 link-local address of an interface that is up, with its zone; null when there is none.</summary>
    internal static IPAddress? LinkLocalAddress()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.IsIPv6LinkLocal)
                {
                    var address = new IPAddress(unicast.Address.GetAddressBytes(), nic.GetIPProperties().GetIPv6Properties().Index);
                    return address;
                }
            }
        }

        return null;
    }
}
