using Switchyard.Testing.Upstream;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// The all-in-one host (the README's first command) as a separate process on free ports, with its own data
/// directory, a platform admin key and loopback in its egress allow-list, plus a <see cref="FakeUpstream"/> (every
/// provider family's wire format).
/// </summary>
public sealed class EmbeddedPlatformFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "switchyard-e2e-" + Guid.NewGuid().ToString("N"));

    public PlatformProcess Host { get; private set; } = null!;
    public FakeUpstream Upstream { get; private set; } = null!;
    public AdminApi Admin { get; private set; } = null!;
    public string PortalUrl { get; private set; } = "";
    public string GatewayUrl { get; private set; } = "";

    /// <summary>The host's <c>Switchyard:DataDirectory</c>.</summary>
    public string DataDirectory => _dataDirectory;

    public async Task InitializeAsync()
    {
        Upstream = await FakeUpstream.StartAsync();
        var adminKey = AdminApi.NewAdminKey();
        PortalUrl = $"http://127.0.0.1:{FreePort.Next()}";
        GatewayUrl = $"http://127.0.0.1:{FreePort.Next()}";
        Host = PlatformProcess.Start("Host", new Dictionary<string, string>
        {
            ["Switchyard__PortalUrl"] = PortalUrl,
            ["Switchyard__GatewayUrl"] = GatewayUrl,
            ["Switchyard__DataDirectory"] = _dataDirectory,
            ["SWITCHYARD_ADMIN_KEY"] = adminKey,
            ["DataPlane__RevisionPollSeconds"] = "1",
            ["DataPlane__Usage__FlushIntervalMs"] = "200",
            // The fake upstreams listen on loopback, which the egress policy refuses unless allowed: the operator's setting,
            // read by the node (connect) and the control plane (saving routes) of the one process.
            ["Egress__AllowedNetworks__0"] = "127.0.0.1/32",
            // Every browser test signs in from 127.0.0.1 against this one host; the default (10 a minute per address)
            // would refuse the later ones. The limit itself is tested in the control plane's tests.
            ["Auth__SignInRateLimit__PermitLimit"] = "1000",
        });
        await Host.WaitUntilReadyAsync(GatewayUrl + "/readyz", TimeSpan.FromSeconds(90));
        await Host.WaitUntilReadyAsync(PortalUrl + "/readyz", TimeSpan.FromSeconds(30));
        Admin = new AdminApi(PortalUrl, adminKey);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
