using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The limit stage's added CPU per request with the in-process store: a key, its team and its tenant all limited
/// (requests, tokens, concurrency, and a per-model limit on the key: 10 counters), admitted, then released at the end
/// as the response listener does; the same with a budget on each level too (13 counters: the worst-case cost computed
/// at the route's price, reserved on the three budgets, settled to the actual cost); and a key under no limit (the cost
/// every unlimited request pays).
/// </summary>
[MemoryDiagnoser]
public class LimitBenchmarks
{
    private LimitStage _stage = null!;
    private InProcessLimitStore _store = null!;
    private GatewayContext _limited = null!;
    private GatewayContext _unlimited = null!;
    private GatewayContext _budgeted = null!;

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
        var budgetTenant = Guid.NewGuid();
        var budgetTeam = Guid.NewGuid();
        var huge = new Budget(BudgetRules.MaxAmountUsd, BudgetPeriods.Month);
        var budgetedKey = new KeySnapshot(Guid.NewGuid(), new string('c', 64), "sk-sy-c", budgetTenant, budgetTeam, [], KeyStatus.Active, null, keyLimits, Budget: huge);
        var price = new DeploymentPrice("bench", DeploymentPrice.FromCatalog, 2.5m, 10m);
        var source = new ConfigSnapshot
        {
            Revision = 1,
            Tenants =
            [
                new TenantSnapshot(tenant, "limited", true, many with { MaxConcurrent = null }), new TenantSnapshot(unlimitedTenant, "free", true),
                new TenantSnapshot(budgetTenant, "budgeted", true, many with { MaxConcurrent = null }, Budget: huge, TimeZone: "Europe/Berlin"),
            ],
            Teams =
            [
                new TeamSnapshot(team, tenant, "limited", new RateLimits(RequestsPerMinute: int.MaxValue)), new TeamSnapshot(unlimitedTeam, unlimitedTenant, "free"),
                new TeamSnapshot(budgetTeam, budgetTenant, "budgeted", new RateLimits(RequestsPerMinute: int.MaxValue), Budget: huge),
            ],
            Keys = [limitedKey, unlimitedKey, budgetedKey],
            Routes =
            [
                new RouteSnapshot(Guid.NewGuid(), budgetTenant, "gpt-4o", RoutingStrategies.Weighted,
                    [new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Mock, "mock-1", null, null, 1, new Dictionary<string, string>()) { Price = price }]),
            ],
        };
        source = source with { Hash = ConfigSnapshotHash.Compute(source) };
        var snapshot = Fixtures.Compiler().Compile(source, out var error) ?? throw new InvalidOperationException(error);

        _store = new InProcessLimitStore(TimeProvider.System);
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options.Create(new RateLimitingOptions());
        _stage = new LimitStage(_store, new LimitCells(options), Fixtures.Metrics(services, new SnapshotStore(Fixtures.Compiler())), new BudgetClock(TimeProvider.System), options);
        _limited = Context(snapshot, limitedKey);
        _unlimited = Context(snapshot, unlimitedKey);
        _budgeted = Context(snapshot, budgetedKey);
        _budgeted.Authorized(snapshot.FindRoute(budgetTenant, "gpt-4o")!);
    }

    [Benchmark(Description = "limited + budgets (3 levels + model, 13 counters): admit + settle")]
    public async ValueTask<bool> Budgeted()
    {
        var admitted = await _stage.RunAsync(_budgeted);
        var lease = _budgeted.Limits!;
        lease.ActualSpend = 1_234;
        _store.Release(lease, 900);
        return admitted;
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
