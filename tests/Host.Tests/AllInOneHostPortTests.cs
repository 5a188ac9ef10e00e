using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ServiceDefaults.Routing;

namespace Switchyard.Host.Tests;

/// <summary>
/// The all-in-one host tells its parts apart by the port a connection arrives on: the admin API, its OpenAPI document,
/// the node-facing snapshot endpoint and the portal answer only on the portal port, the gateway only on the gateway port,
/// whatever Host header the client sends.
/// </summary>
public sealed class AllInOneHostPortTests(AllInOneHostPortTests.HostFixture fixture) : IClassFixture<AllInOneHostPortTests.HostFixture>
{
    private AllInOneHostProcess Host => fixture.Host;

    [Theory]
    [InlineData("/api/me", AllInOneHostProcess.AdminKey)]
    [InlineData("/api/tenants", AllInOneHostProcess.AdminKey)]
    [InlineData("/openapi/v1.json", null)]
    [InlineData("/internal/config/snapshot", AllInOneHostProcess.NodeSecret)]
    [InlineData("/internal/config/revision", AllInOneHostProcess.NodeSecret)]
    [InlineData("/account/login", null)]
    public async Task Get_PortalEndpointOnGatewayPortWithPortalHostHeader_NotFound(string path, string? bearer)
    {
        using var onPortal = await SendAsync(HttpMethod.Get, Host.PortalPort, path, bearer, hostHeader: null);
        using var onGateway = await SendAsync(HttpMethod.Get, Host.GatewayPort, path, bearer, hostHeader: $"127.0.0.1:{Host.PortalPort}");
        using var onGatewayNamedHost = await SendAsync(HttpMethod.Get, Host.GatewayPort, path, bearer, hostHeader: $"localhost:{Host.PortalPort}");

        Assert.Equal(HttpStatusCode.OK, onPortal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onGateway.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onGatewayNamedHost.StatusCode);
    }

    [Fact]
    public async Task Delete_AdminApiPathOnGatewayPort_NotFoundRatherThanMethodNotAllowed()
    {
        // Nothing of the other port's routes shows: not even that a path exists with other methods.
        using var onPortal = await SendAsync(HttpMethod.Delete, Host.PortalPort, "/api/tenants", AllInOneHostProcess.AdminKey, null);
        using var onGateway = await SendAsync(HttpMethod.Delete, Host.GatewayPort, "/api/tenants", AllInOneHostProcess.AdminKey, $"127.0.0.1:{Host.PortalPort}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, onPortal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onGateway.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/models")]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("POST", "/v1/messages")]
    [InlineData("POST", "/v1/embeddings")]
    public async Task Send_GatewayEndpointOnPortalPortWithGatewayHostHeader_NotServedByTheGateway(string method, string path)
    {
        // Without a virtual key the gateway answers 401 with an OpenAI error: proof the request reached it. On the portal
        // port the path is unknown (405 for POST when the portal serves static files from a build output, whose file
        // fallback takes GET only).
        using var onGateway = await SendAsync(new HttpMethod(method), Host.GatewayPort, path, null, null);
        using var onPortal = await SendAsync(new HttpMethod(method), Host.PortalPort, path, null, $"127.0.0.1:{Host.GatewayPort}");

        Assert.Equal(HttpStatusCode.Unauthorized, onGateway.StatusCode);
        Assert.Contains(onPortal.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.DoesNotContain("invalid_api_key", await onPortal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task Get_HealthAndMetrics_AnswersOnBothPorts(string path)
    {
        using var onPortal = await SendAsync(HttpMethod.Get, Host.PortalPort, path, null, null);
        using var onGateway = await SendAsync(HttpMethod.Get, Host.GatewayPort, path, null, null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (onPortal.StatusCode, onGateway.StatusCode));
    }

    [Fact]
    public void Endpoints_EveryEndpointButHealthAndMetrics_IsBoundToOnePort()
    {
        // Default deny: an endpoint added later without a port would answer on both ports.
        var endpoints = Host.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        var unbound = endpoints.Where(e => e.Metadata.GetMetadata<LocalPortMetadata>() is null).Select(e => e.RoutePattern.RawText).ToList();
        // Health and metrics are the process's (one process, one set of metrics): both ports serve them.
        Assert.Equal(["/healthz", "/metrics", "/readyz"], unbound.Order(StringComparer.Ordinal));
        Assert.All(endpoints.Select(e => e.Metadata.GetMetadata<LocalPortMetadata>()).OfType<LocalPortMetadata>(), m => Assert.Single(m.Ports));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/openapi/{documentName}.json"
            && e.Metadata.GetMetadata<LocalPortMetadata>()!.Ports.Single() == Host.PortalPort);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, int port, string path, string? bearer, string? hostHeader)
    {
        using var client = Host.Client(port);
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return await client.SendAsync(request);
    }

    public sealed class HostFixture : IAsyncLifetime
    {
        public AllInOneHostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await AllInOneHostProcess.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
