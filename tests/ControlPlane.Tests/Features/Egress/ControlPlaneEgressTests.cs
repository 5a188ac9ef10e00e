using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Tests.Features.Egress;

/// <summary>
/// The control plane's outbound calls (<see cref="ControlPlaneEgress"/>, here through the budget webhook client) against a
/// webhook receiver: a platform allowance taken away applies to the next call, IPv6 link-local destinations are reached
/// through their zone, and IPv6 destinations are not tried where the OS has no IPv6.
/// </summary>
public sealed class ControlPlaneEgressTests
{
    private static readonly object Payload = new { type = "budget.alert" };

    [Fact]
    public async Task WebhookPost_AllowanceRemovedFromPlatformList_NextPostRefusedAlthoughAConnectionIsPooled()
    {
        await using var receiver = await Receiver.StartAsync(IPAddress.Loopback);
        using var client = WebhookClient();

        var first = await client.PostAsync(receiver.Url, Payload, Allow("127.0.0.1/32"), CancellationToken.None);
        var second = await client.PostAsync(receiver.Url, Payload, EgressAllowList.Empty, CancellationToken.None);

        Assert.Null(first);
        Assert.Equal("the egress policy refuses 127.0.0.1 (loopback)", second);
        Assert.Equal(1, receiver.Received);
    }

    [Fact]
    public async Task WebhookPost_SamePlatformListReadAgain_Delivered()
    {
        await using var receiver = await Receiver.StartAsync(IPAddress.Loopback);
        using var client = WebhookClient();

        var first = await client.PostAsync(receiver.Url, Payload, Allow("127.0.0.1/32"), CancellationToken.None);
        var second = await client.PostAsync(receiver.Url, Payload, Allow("127.0.0.1/32"), CancellationToken.None);

        Assert.Equal((null, null, 2), (first, second, receiver.Received));
    }

    [Fact]
    public async Task WebhookPost_IPv6LinkLocalAddressWithZoneAllowed_Delivered()
    {
        // A link-local address is only reachable through its zone (the interface); this machine's, when it has one.
        if (LinkLocalAddress() is not { } address)
        {
            return;
        }

        await using var receiver = await Receiver.StartAsync(address);
        using var client = WebhookClient();

        var failure = await client.PostAsync(receiver.Url, Payload, Allow("fe80::/10"), CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal(1, receiver.Received);
    }

    [Fact]
    public async Task CreateHandler_IPv6OnlyDestinationWhereTheOsHasNoIPv6_FailsWithoutConnecting()
    {
        await using var receiver = await Receiver.StartAsync(IPAddress.IPv6Loopback);
        using var withoutIPv6 = new HttpClient(ControlPlaneEgress.CreateHandler(Allow("::1/128"), supportsIPv6: false));
        using var withIPv6 = new HttpClient(ControlPlaneEgress.CreateHandler(Allow("::1/128"), supportsIPv6: true));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => withoutIPv6.PostAsync(receiver.Url, null));
        Assert.Equal(0, receiver.Received);
        using var response = await withIPv6.PostAsync(receiver.Url, null);

        Assert.Equal(SocketError.AddressFamilyNotSupported, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static BudgetWebhookClient WebhookClient() =>
        new(Options.Create(new EgressOptions()), Options.Create(new BudgetsOptions()));

    private static EgressAllowList Allow(string network) => EgressAllowList.TryCreate([], [network], out _)!;

    /// <summary>An IPv6 link-local address of an interface that is up, with its zone; null when there is none.</summary>
    private static IPAddress? LinkLocalAddress()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            var link = nic.GetIPProperties().UnicastAddresses.FirstOrDefault(u => u.Address.IsIPv6LinkLocal);
            if (link is not null)
            {
                return new IPAddress(link.Address.GetAddressBytes(), nic.GetIPProperties().GetIPv6Properties().Index);
            }
        }

        return null;
    }

    /// <summary>A webhook (POST /hook, answered 204 over keep-alive connections) on one address, counting what it received.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private WebApplication _app = null!;
        private int _received;

        public int Received => Volatile.Read(ref _received);

        public string Url { get; private set; } = "";

        public static async Task<Receiver> StartAsync(IPAddress address)
        {
            var receiver = new Receiver();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(address, 0));
            builder.Logging.ClearProviders();
            receiver._app = builder.Build();
            receiver._app.MapPost("/hook", () =>
            {
                Interlocked.Increment(ref receiver._received);
                return Results.NoContent();
            });
            await receiver._app.StartAsync();
            var port = new Uri(receiver._app.Urls.First()).Port;
            receiver.Url = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"http://[{address}]:{port}/hook" : $"http://{address}:{port}/hook";
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
