using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The gateway's spans per request with tracing on (sampled at 100 %, OpenTelemetry's tracer provider listening, no
/// exporter) or off (nothing listens: no Activity): a server span standing in for ASP.NET Core's, the attempt's child
/// span with its GenAI attributes, and the server span's GenAI attributes at completion (<see cref="GatewayTracing"/>).
/// ASP.NET Core's and HttpClient's own instrumentation work is not included (see load.sh for the whole request).
/// <see cref="TraceRequestWithStages"/> adds the limit and route stages' spans (<see cref="GatewayTracing.StartStage"/>).
/// </summary>
[MemoryDiagnoser]
public class TracingBenchmarks
{
    private static readonly ActivitySource Server = new("Switchyard.Bench.Server");
    private TracerProvider? _provider;
    private GatewayTracing _tracing = null!;
    private GatewayContext _context = null!;
    private RuntimeDeployment _deployment = null!;
    private ActivityFeature _feature = null!;
    private readonly string _limit = GatewayTracing.StageSpanName(new BenchStage("limit", GatewayStageOrder.Limit));
    private readonly string _route = GatewayTracing.StageSpanName(new BenchStage("route", GatewayStageOrder.Route));

    [Params(false, true)]
    public bool Tracing { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Tracing)
        {
            _provider = Sdk.CreateTracerProviderBuilder()
                .AddSource("Switchyard.*")
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(1.0)))
                .Build();
        }

        var store = Fixtures.LoadedStore(10, 100);
        var snapshot = store.Current!;
        var key = snapshot.KeysByHash.Values.First();
        var deployment = new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.OpenAI, "gpt-4o-2024-08-06", "https://api.openai.com/v1",
            null, 1, new Dictionary<string, string>(), ModelCapabilities.Unrestricted);
        _deployment = new RuntimeDeployment(deployment, "sk");
        var route = new RuntimeRoute(new RouteSnapshot(Guid.NewGuid(), key.TenantId, "gpt-4o", RoutingStrategies.Weighted, [deployment]), [_deployment]);
        var http = new DefaultHttpContext();
        _feature = new ActivityFeature();
        http.Features.Set<IHttpActivityFeature>(_feature);
        _context = new GatewayContext(http, new BenchEndpoint(), TimeProvider.System, [], []);
        _context.Authenticated(snapshot, key);
        _context.Authorized(route);
        _context.Routed(_deployment);
        _context.UsageReported(new TokenUsage(812, 164));
        _tracing = new GatewayTracing();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark(Description = "per request: server span + attempt span + attributes")]
    public void TraceRequest()
    {
        using var server = Server.StartActivity("POST /v1/chat/completions", ActivityKind.Server);
        _feature.Activity = server!;
        using (var attempt = GatewayTracing.StartAttempt(_context, _deployment, 1))
        {
            GatewayTracing.AttemptEnded(attempt, null);
        }

        _tracing.Completed(_context);
    }

    [Benchmark(Description = "per request: + limit and route stage spans")]
    public void TraceRequestWithStages()
    {
        using var server = Server.StartActivity("POST /v1/chat/completions", ActivityKind.Server);
        _feature.Activity = server!;
        using (var limit = GatewayTracing.StartStage(_limit, "limit"))
        {
            GatewayTracing.StageEnded(limit, _context, passed: true);
        }

        using (var route = GatewayTracing.StartStage(_route, "route"))
        {
            GatewayTracing.StageEnded(route, _context, passed: true);
        }

        using (var attempt = GatewayTracing.StartAttempt(_context, _deployment, 1))
        {
            GatewayTracing.AttemptEnded(attempt, null);
        }

        _tracing.Completed(_context);
    }

    private sealed record BenchStage(string Name, int Order) : IGatewayStage
    {
        public ValueTask<bool> RunAsync(GatewayContext context) => ValueTask.FromResult(true);
    }

    private sealed class ActivityFeature : IHttpActivityFeature
    {
        public Activity Activity { get; set; } = null!;
    }

    private sealed class BenchEndpoint() : GatewayEndpoint("chat.completions", new OpenAIDialect(TimeProvider.System))
    {
        public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) => throw new NotSupportedException();

        public override Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment) => throw new NotSupportedException();
    }
}
