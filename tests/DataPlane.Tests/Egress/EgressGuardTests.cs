using System.Net;
using System.Net.Sockets;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Tests.Egress;

/// <summary>The node's upstream client, whose connections <see cref="EgressGuard"/> opens, against a listener on loopback.</summary>
public sealed class EgressGuardTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public EgressGuardTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:7f00:1]")]
    public async Task Connect_LoopbackInAnySpelling_RefusedWithoutConnecting(string host)
    {
        using var client = new UpstreamHttpClient(TestEgress.Guard(EgressAllowList.Empty));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(client, $"http://{host}:{Port}/"));

        Assert.True(EgressDeniedException.IsCause(error));
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task Connect_NameResolvingToLoopback_RefusedAtConnect()
    {
        // Like DNS rebinding: the name is harmless text; the address it resolves to is what is refused.
        using var client = new UpstreamHttpClient(TestEgress.Guard(EgressAllowList.Empty));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(client, $"http://localhost:{Port}/"));

        var denied = FindDenied(error);
        Assert.Equal("loopback", denied.Reason);
        Assert.True(IPAddress.IsLoopback(denied.Address));
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task Connect_NetworkAllowedByNodeConfiguration_Connects()
    {
        using var client = new UpstreamHttpClient(TestEgress.Guard(EgressAllowList.TryCreate([], ["127.0.0.1/32"], out _)));

        await AssertConnectsAsync(client, $"http://127.0.0.1:{Port}/");
    }

    [Fact]
    public async Task Connect_HostAllowedByPlatformList_Connects()
    {
        var platform = EgressAllowList.TryCreate(["localhost"], [], out _)!;
        using var client = new UpstreamHttpClient(TestEgress.Guard(EgressAllowList.Empty, () => platform));

        await AssertConnectsAsync(client, $"http://localhost:{Port}/");
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(client, $"http://127.0.0.1:{Port}/"));
    }

    public void Dispose() => _listener.Dispose();

    private static async Task GetAsync(UpstreamHttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.Invoker.SendAsync(request, timeout.Token);
    }

    /// <summary>The request reaches the listener (which never answers; the request is then abandoned).</summary>
    private async Task AssertConnectsAsync(UpstreamHttpClient client, string url)
    {
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var sending = client.Invoker.SendAsync(request, cancel.Token);
        using var accepted = await _listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    private static EgressDeniedException FindDenied(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is EgressDeniedException denied)
            {
                return denied;
            }
        }

        throw new Xunit.Sdk.XunitException("No EgressDeniedException in " + error);
    }
}
