using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace Switchyard.Host.Tests;

/// <summary>
/// The all-in-one host (<see cref="AllInOneHost"/>, what the README's first command runs) started in this process on real
/// Kestrel, on two free loopback ports, with its own data directory, a known platform admin key and node secret.
/// </summary>
public sealed class AllInOneHostProcess : IAsyncDisposable
{
    public const string AdminKey = "sk-sya-host-tests-platform-admin-key-0123456789";
    public const string NodeSecret = "host-tests-node-secret-0123456789abcdefghijklmnop";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "switchyard-host-tests-" + Guid.NewGuid().ToString("N"));

    private AllInOneHostProcess(int portalPort, int gatewayPort)
    {
        PortalPort = portalPort;
        GatewayPort = gatewayPort;
    }

    public int PortalPort { get; }

    public int GatewayPort { get; }

    public WebApplication App { get; private set; } = null!;

    public static async Task<AllInOneHostProcess> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var portalPort = FreePort();
        var gatewayPort = FreePort();
        while (gatewayPort == portalPort)
        {
            gatewayPort = FreePort();
        }

        var host = new AllInOneHostProcess(portalPort, gatewayPort);
        host.App = AllInOneHost.Build(
        [
            "--applicationName=Switchyard.Host",
            $"--Switchyard:PortalUrl=http://127.0.0.1:{portalPort}",
            $"--Switchyard:GatewayUrl=http://127.0.0.1:{gatewayPort}",
            $"--Switchyard:DataDirectory={host._dataDirectory}",
            $"--SWITCHYARD_ADMIN_KEY={AdminKey}",
            $"--ControlPlane:NodeSecret={NodeSecret}",
            "--Logging:LogLevel:Default=Warning",
        ], configure);
        await host.App.StartAsync();
        await host.WaitForGatewayReadyAsync();
        return host;
    }

    /// <summary>A client for one of the host's ports.</summary>
    public HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner.
        }
    }

    private async Task WaitForGatewayReadyAsync()
    {
        using var client = Client(GatewayPort);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The all-in-one host's node did not become ready.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
