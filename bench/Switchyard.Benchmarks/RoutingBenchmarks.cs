using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The route stage's choice per request on a route of 10 deployments: candidates (availability, capability), the
/// strategy's pick and the breaker's admission, then the attempt's outcome reported to the deployment's health.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private RuntimeRoute _route = null!;
    private DeploymentSelector _selector = null!;
    private GatewayContext _context = null!;

    [Params(RoutingStrategies.Weighted, RoutingStrategies.Latency, RoutingStrategies.LeastBusy)]
    public string Strategy { get; set; } = RoutingStrategies.Weighted;

    [GlobalSetup]
    public void Setup()
    {
        var random = new RoutingRandom();
        var policies = new RoutingPolicyRegistry([
            new WeightedRoutingPolicy(random), new PriorityRoutingPolicy(random), new LatencyRoutingPolicy(random),
            new LeastBusyRoutingPolicy(random), new CostRoutingPolicy(random)]);
        _selector = new DeploymentSelector(policies, new DeploymentHealthRegistry(), TimeProvider.System);
        var deployments = Enumerable.Range(0, 10).Select(i => new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.OpenAI, "gpt-4o", "https://api.openai.com/v1",
            null, 1 + i, new Dictionary<string, string>(), ModelCapabilities.Unrestricted)).ToArray();
        _route = new RuntimeRoute(new RouteSnapshot(Guid.NewGuid(), Guid.NewGuid(), "gpt-4o", Strategy, deployments),
            [.. deployments.Select(d => new RuntimeDeployment(d, "sk"))]);
        _context = new GatewayContext(new DefaultHttpContext(), new BenchEndpoint(), TimeProvider.System, [], []);
        var health = _selector.Health.ForRoute(_route).Health;
        for (var i = 0; i < health.Length; i++)
        {
            health[i].TryAcquire(DateTimeOffset.UtcNow.UtcTicks, BreakerSettings.Default, out var probe);
            health[i].Complete(probe, AttemptOutcome.Success, DateTimeOffset.UtcNow.UtcTicks, BreakerSettings.Default, 100 + (i * 10));
        }
    }

    [Benchmark(Description = "select + report outcome (10 deployments)")]
    public int SelectAndComplete()
    {
        var index = _selector.Select(_context, _route, 0, out var probe, out _);
        var state = _selector.Health.ForRoute(_route);
        state.Health[index].Complete(probe, AttemptOutcome.Success, DateTimeOffset.UtcNow.UtcTicks, state.Breaker, 120);
        return index;
    }

    private sealed class BenchEndpoint() : GatewayEndpoint("chat.completions", new OpenAIDialect(TimeProvider.System))
    {
        public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) => throw new NotSupportedException();

        public override Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment) => throw new NotSupportedException();
    }
}
