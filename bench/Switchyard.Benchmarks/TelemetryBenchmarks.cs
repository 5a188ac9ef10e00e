using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The metrics a node records per request: one upstream attempt (<see cref="GatewayMetrics.Attempted"/>) and the
/// request's completion (<see cref="GatewayMetrics.Completed"/>: request counter, GenAI duration, input and output token
/// histograms), with the node's OpenTelemetry meter provider listening (as in production, Prometheus exporter and the
/// bucket views) or with nothing listening (the instruments' floor).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private MeterProvider? _provider;
    private ServiceProvider _services = null!;
    private GatewayMetrics _metrics = null!;
    private GatewayContext _context = null!;
    private RuntimeDeployment _deployment = null!;

    [Params(false, true)]
    public bool Listened { get; set; }

    [Params(false, true)]
    public bool TenantLabels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Listened)
        {
            _provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(TelemetryExtensions.Prefix + "*")
                .AddView(TelemetryExtensions.Buckets)
                .AddPrometheusExporter()
                .Build();
        }

        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var store = Fixtures.LoadedStore(10, 100);
        _metrics = Fixtures.Metrics(_services, store, TenantLabels);

        var snapshot = store.Current!;
        var key = snapshot.KeysByHash.Values.First();
        var deployment = new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.OpenAI, "gpt-4o-2024-08-06", "https://api.openai.com/v1",
            null, 1, new Dictionary<string, string>(), ModelCapabilities.Unrestricted);
        _deployment = new RuntimeDeployment(deployment, "sk");
        var route = new RuntimeRoute(new RouteSnapshot(Guid.NewGuid(), key.TenantId, "gpt-4o", RoutingStrategies.Weighted, [deployment]), [_deployment]);
        _context = new GatewayContext(new DefaultHttpContext(), new BenchEndpoint(), TimeProvider.System, [], []);
        _context.Authenticated(snapshot, key);
        _context.Authorized(route);
        _context.Routed(_deployment);
        _context.UsageReported(new TokenUsage(812, 164));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _services.Dispose();
    }

    [Benchmark(Description = "per request: one attempt + completion")]
    public void RecordRequest()
    {
        _metrics.Attempted(_context, _deployment, 200, failed: false, latencyMs: 420);
        _metrics.Completed(_context);
    }

    private sealed class BenchEndpoint() : GatewayEndpoint("chat.completions", new OpenAIDialect(TimeProvider.System))
    {
        public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) => throw new NotSupportedException();

        public override Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment) => throw new NotSupportedException();
    }
}
