using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Messaging;
using Switchyard.Shared.Messages;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// A data-plane node on Kestrel 127.0.0.1:0 with the in-memory bus, booted from a last-known-good snapshot
/// (the control plane URL points at a closed port), in front of a <see cref="FakeUpstream"/> answering the standard
/// snapshot's upstream routes with <see cref="UpstreamScenarios"/>.
/// </summary>
internal sealed class DataPlaneTestHost : IAsyncDisposable
{
    /// <summary>The test nodes' <c>DataPlane:Audit:SpoolKey</c> (32 bytes, base64).</summary>
    public const string SpoolKey = "c3dpdGNoeWFyZC10ZXN0LXNwb29sLWtleS0zMmJ5dGU=";

    private readonly TempDirectory _dir = new();
    private WebApplication? _app;
    private Task? _stopped;

    public FakeUpstream Upstream { get; private set; } = null!;

    /// <summary>The scripts of the standard upstream routes (the "stream" gate, the "hang" abort signal).</summary>
    public UpstreamScenarios Scenarios { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _dir.Path;

    /// <param name="customize">Adds routes to the standard test snapshot (see <see cref="TestSnapshots.AddRoute"/>).</param>
    /// <param name="services">Adds or replaces services of the node (e.g. an extra gateway stage).</param>
    /// <param name="settings">Extra or overriding configuration, e.g. <c>DataPlane:MaxSnapshotAgeSeconds</c>.</param>
    /// <param name="allowLoopbackEgress">
    /// Configure the node's egress allow-list with loopback (<see cref="TestEgress.LoopbackNetworks"/>) so it may reach the
    /// fake upstreams on 127.0.0.1; false leaves the default policy, which refuses them.
    /// </param>
    /// <param name="time">The node's clock (default: the system clock).</param>
    public static async Task<DataPlaneTestHost> StartAsync(double upstreamTimeoutSeconds = 30, long maxBodyBytes = 64 * 1024, Func<ConfigSnapshot, ConfigSnapshot>? customize = null,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null, bool allowLoopbackEgress = true, TimeProvider? time = null)
    {
        var host = new DataPlaneTestHost { Upstream = await FakeUpstream.StartAsync() };
        host.Upstream.Answer("/v1/chat/completions", host.Scenarios.Choose);
        var snapshot = TestSnapshots.Build(1, host.Upstream.BaseUrl + "/v1", "http://127.0.0.1:" + UnusedPort() + "/v1");
        if (customize is not null)
        {
            snapshot = TestSnapshots.Stamp(customize(snapshot));
        }

        await File.WriteAllBytesAsync(Path.Combine(host._dir.Path, "snapshot.json"), JsonSerializer.SerializeToUtf8Bytes(snapshot, SwitchyardJson.Options));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = host._dir.Path, EnvironmentName = "Testing" });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataPlane:NodeId"] = "test-node",
            ["DataPlane:ControlPlaneUrl"] = "http://127.0.0.1:" + UnusedPort(),
            ["DataPlane:NodeSecret"] = TestSnapshots.NodeSecret,
            ["DataPlane:Audit:SpoolKey"] = SpoolKey,
            ["DataPlane:DataDirectory"] = host._dir.Path,
            ["DataPlane:UpstreamTimeoutSeconds"] = upstreamTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DataPlane:MaxRequestBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DataPlane:RevisionPollSeconds"] = "3600",
            ["DataPlane:Usage:FlushIntervalMs"] = "50",
            ["DataPlane:DrainTimeoutSeconds"] = "10",
            ["Messaging:Transport"] = "InMemory",
        });
        if (allowLoopbackEgress)
        {
            builder.Configuration.AddInMemoryCollection(TestEgress.LoopbackNetworks.Select((network, i) =>
                new KeyValuePair<string, string?>($"Egress:AllowedNetworks:{i}", network)));
        }

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton<IMessagePublisher>(host.Bus);
        builder.AddDataPlane();
        services?.Invoke(builder.Services);
        builder.AddSwitchyardMessaging();
        host._app = builder.Build();
        host._app.MapDataPlane();
        await host._app.StartAsync();

        host.Client = new HttpClient { BaseAddress = new Uri(host._app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        var store = host.Services.GetRequiredService<SnapshotStore>();
        for (var i = 0; i < 200 && store.Current is null; i++)
        {
            await Task.Delay(25);
        }

        Assert.NotNull(store.Current);
        return host;
    }

    public static HttpRequestMessage Chat(string model, bool stream = false, bool includeUsage = false, string key = TestSnapshots.Key)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new[] { new { role = "user", content = "Hello there" } },
            ["stream"] = stream,
            ["stream_options"] = includeUsage ? new { include_usage = true } : null,
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    /// <summary>Everything the node published (usage batches, ConfigApplied).</summary>
    public FakeMessagePublisher Bus { get; } = new();

    /// <summary>Waits for the usage record of a request to reach the (fake) bus through the spool.</summary>
    public async Task<UsageRecord> WaitForUsageAsync(Func<UsageRecord, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            var found = Bus.Published.OfType<UsageBatchReported>().SelectMany(b => b.Records).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No matching usage record was published.");
    }

    /// <summary>Stops the node as SIGTERM would (drain, flush the spool, stop); the returned task ends when it has stopped.</summary>
    public Task StopAsync() => _stopped ??= _app!.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await StopAsync();
            await _app.DisposeAsync();
        }

        Scenarios.StreamGate.Release(100);
        await Upstream.DisposeAsync();
        _dir.Dispose();
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
