using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The limit stage's added CPU per request with the in-process store: a key, its team and its tenant all limited
/// (requests, tokens, concurrency, and a per-model limit on the key: 10 counters), admitted, then released at the end
/// as the response listener does; and a key under no limit (the cost every unlimited request pays).
/// </summary>
[MemoryDiagnoser]
public class LimitBenchmarks
{
    private LimitStage _stage = null!;
    private InProcessLimitStore _store = null!;
    private GatewayContext _limited = null!;
    private GatewayContext _unlimited = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tenant = Guid.NewGuid();
        var team = Guid.NewGuid();
        var many = new RateLimits(RequestsPerMinute: int.MaxValue, TokensPerMinute: RateLimitRules.MaxValue, MaxConcurrent: 1_000_000);
        var keyLimits = many with { ModelLimits = new Dictionary<string, ModelRateLimits> { ["gpt-4o"] = new(int.MaxValue, RateLimitRules.MaxValue) } };
        var limitedKey = new KeySnapshot(Guid.NewGuid(), new string('a', 64), "sk-sy-a", tenant, team, [], KeyStatus.Active, null, keyLimits);
        var unlimitedTenant = Guid.NewGuid();
        var unlimitedTeam = Guid.NewGuid();
        var unlimitedKey = new KeySnapshot(Guid.NewGuid(), new string('b', 64), "sk-sy-b", unlimitedTenant, unlimitedTeam, [], KeyStatus.Active, null);
        var source = new ConfigSnapshot
        {
            Revision = 1,
            Tenants = [new TenantSnapshot(tenant, "limited", true, many with { MaxConcurrent = null }), new TenantSnapshot(unlimitedTenant, "free", true)],
            Teams = [new TeamSnapshot(team, tenant, "limited", new RateLimits(RequestsPerMinute: int.MaxValue)), new TeamSnapshot(unlimitedTeam, unlimitedTenant, "free")],
            Keys = [limitedKey, unlimitedKey],
        };
        source = source with { Hash = ConfigSnapshotHash.Compute(source) };
        var snapshot = Fixtures.Compiler().Compile(source, out var error) ?? throw new InvalidOperationException(error);

        _store = new InProcessLimitStore(TimeProvider.System);
        // nothing listens to this meter: a refusal's counter costs what an unobserved instrument costs
        var metrics = new GatewayMetrics(
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            Options.Create(new TelemetryOptions()), TimeProvider.System, new NodeDrain(), Fixtures.LoadedStore(1, 1), new DeploymentHealthRegistry(),
            new UsageQueue(1000), new DataPaths(Path.Combine(Path.GetTempPath(), "switchyard-bench-limits")));
        _stage = new LimitStage(_store, new LimitCells(Options.Create(new RateLimitingOptions())), metrics);
        _limited = Context(snapshot, limitedKey);
        _unlimited = Context(snapshot, unlimitedKey);
    }

    [Benchmark(Description = "limited (3 levels + model, 10 counters): admit + release")]
    public async ValueTask<bool> Limited()
    {
        var admitted = await _stage.RunAsync(_limited);
        _store.Release(_limited.Limits!, 900);
        return admitted;
    }

    [Benchmark(Baseline = true, Description = "no limits on key, team or tenant")]
    public ValueTask<bool> Unlimited() => _stage.RunAsync(_unlimited);

    private static GatewayContext Context(RuntimeSnapshot snapshot, KeySnapshot key)
    {
        var context = new GatewayContext(new DefaultHttpContext(), new BenchEndpoint(), TimeProvider.System, [], []);
        context.Authenticated(snapshot, key);
        var body = new byte[1536];
        context.Parsed(new PooledBody(body, body.Length), new RequestSummary("gpt-4o"));
        return context;
    }

    private sealed class BenchEndpoint() : GatewayEndpoint("chat.completions", new OpenAIDialect(TimeProvider.System))
    {
        public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) => throw new NotSupportedException();

        public override Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment) => throw new NotSupportedException();
    }
}
