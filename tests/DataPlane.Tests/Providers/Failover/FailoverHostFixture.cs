using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Failover;

/// <summary>One node in front of <see cref="FailoverUpstreams"/> with a route per failover scenario.</summary>
public sealed class FailoverHostFixture : IAsyncLifetime
{
    internal FailoverUpstreams Upstreams { get; private set; } = null!;

    internal DataPlaneTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstreams = await FailoverUpstreams.StartAsync();
        var openAI = Upstreams.OpenAIBaseUrl;
        var anthropic = Upstreams.AnthropicBaseUrl;
        const string OpenAI = ProviderKinds.OpenAI;
        const string Priority = RoutingStrategies.Priority;
        Host = await DataPlaneTestHost.StartAsync(customize: s =>
        {
            foreach (var failure in new[] { "s503", "s529", "s429", "s400", "midstream" })
            {
                s = FailoverUpstreams.AddRoute(s, "fo-" + failure, Priority, [(OpenAI, failure, openAI, 0), (OpenAI, "ok", openAI, 1)]);
            }

            s = FailoverUpstreams.AddRoute(s, "fo-refused", Priority, [(OpenAI, "ok", FailoverUpstreams.RefusedBaseUrl, 0), (OpenAI, "ok", openAI, 1)]);
            s = FailoverUpstreams.AddRoute(s, "fo-slow", Priority, [(OpenAI, "slow", openAI, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { Timeouts = new RouteTimeouts(FirstByteMs: 300) });
            s = FailoverUpstreams.AddRoute(s, "fo-connect", Priority, [(OpenAI, "ok", Upstreams.UnresponsiveBaseUrl, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { Timeouts = new RouteTimeouts(ConnectMs: 300, TotalMs: 5000) });
            s = FailoverUpstreams.AddRoute(s, "fo-deadline", Priority, [(OpenAI, "slow", openAI, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { Timeouts = new RouteTimeouts(TotalMs: 300) });
            s = FailoverUpstreams.AddRoute(s, "fo-ctx", Priority, [(OpenAI, "ctx", openAI, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { ContextWindowFallbacks = ["claude-fb"] });
            s = FailoverUpstreams.AddRoute(s, "fo-to-claude", Priority, [(OpenAI, "s503", openAI, 0)], r => r with { Fallbacks = ["claude-fb"] });
            s = FailoverUpstreams.AddRoute(s, "claude-fb", Priority, [(ProviderKinds.Anthropic, "claude-ok", anthropic, 0)]);
            s = FailoverUpstreams.AddRoute(s, "claude-primary", Priority, [(ProviderKinds.Anthropic, "claude-529", anthropic, 0)], r => r with { Fallbacks = ["gpt-fb"] });
            s = FailoverUpstreams.AddRoute(s, "gpt-fb", Priority, [(OpenAI, "ok", openAI, 0)]);
            s = FailoverUpstreams.AddRoute(s, "fo-all-down", Priority, [(OpenAI, "ok", FailoverUpstreams.RefusedBaseUrl, 0)],
                r => r with { Breaker = new BreakerSettings(ConsecutiveFailures: 1, CooldownSeconds: 600) });
            s = FailoverUpstreams.AddRoute(s, "fo-max", Priority, [(OpenAI, "s503", openAI, 0), (OpenAI, "s529", openAI, 1), (OpenAI, "ok", openAI, 2)],
                r => r with { Retry = new RouteRetrySettings(MaxAttempts: 2, BackoffMs: 0, MaxBackoffMs: 0) });
            s = FailoverUpstreams.AddRoute(s, "fo-caps", RoutingStrategies.Weighted, [(OpenAI, "ok", openAI, 0), (OpenAI, "ok", openAI, 0)],
                r => r with { Deployments = [r.Deployments[0] with { Capabilities = new ModelCapabilities() }, r.Deployments[1] with { Capabilities = ModelCapabilities.Unrestricted }] });
            s = FailoverUpstreams.AddRoute(s, "fo-window", RoutingStrategies.Weighted, [(OpenAI, "ok", openAI, 0), (OpenAI, "ok", openAI, 0)],
                r => r with { Deployments = [r.Deployments[0] with { Capabilities = new ModelCapabilities(ContextWindow: 200) }, r.Deployments[1] with { Capabilities = new ModelCapabilities(ContextWindow: 128_000) }] });
            s = FailoverUpstreams.AddRoute(s, "fo-sticky", RoutingStrategies.Weighted, [(OpenAI, "ok", openAI, 0), (OpenAI, "ok", openAI, 0), (OpenAI, "ok", openAI, 0)],
                r => r with { Sticky = true });
            s = FailoverUpstreams.AddRoute(s, "fo-stream-deadline", Priority, [(OpenAI, "trickle", openAI, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { Timeouts = new RouteTimeouts(TotalMs: 500) });
            s = FailoverUpstreams.AddRoute(s, "fo-translated-deadline", Priority, [(ProviderKinds.Anthropic, "claude-trickle", anthropic, 0)],
                r => r with { Timeouts = new RouteTimeouts(TotalMs: 500) });
            s = FailoverUpstreams.AddRoute(s, "fo-429-once", Priority, [(OpenAI, "s429-once", openAI, 0)]);
            s = FailoverUpstreams.AddRoute(s, "fo-429-long", Priority, [(OpenAI, "s429", openAI, 0)]);
            s = FailoverUpstreams.AddRoute(s, "fo-budget", Priority, [(OpenAI, "s503", openAI, 0), (OpenAI, "ok", openAI, 1)],
                r => r with { Retry = r.Retry! with { BudgetPercent = 0 }, Breaker = new BreakerSettings(ConsecutiveFailures: 1000, MinimumRequests: 100_000) });
            return s;
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Upstreams.DisposeAsync();
    }
}
