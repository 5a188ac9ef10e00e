using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Active health checks, off unless a deployment sets <c>healthCheckIntervalSeconds</c>: every that many seconds the node
/// asks the deployment's provider for its models list (<see cref="HealthCheckRequest"/>, through the egress-checked upstream
/// client, 10 s at most) and feeds the outcome to the deployment's breaker like a request's: a check of an open breaker
/// whose cooldown is over is its probe (success closes it). Any answer but 401/403, 408, 429 or 5xx counts as healthy.
/// </summary>
public sealed class DeploymentHealthChecker(
    SnapshotStore store, DeploymentHealthRegistry registry, UpstreamClient client, TimeProvider time, ILogger<DeploymentHealthChecker> logger) : BackgroundService
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<Guid, long> _due = [];
    private readonly SemaphoreSlim _pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckDueAsync(stoppingToken);
        }
    }

    /// <summary>Runs the checks that are due now (one pass; the timer calls it every second).</summary>
    public async Task CheckDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await CheckDueOnceAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    private async Task CheckDueOnceAsync(CancellationToken cancellationToken)
    {
        if (store.Current is not { } snapshot)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        List<Task>? checks = null;
        foreach (var route in snapshot.Routes.Values)
        {
            for (var i = 0; i < route.Deployments.Count; i++)
            {
                var deployment = route.Deployments[i];
                if (deployment.Snapshot.HealthCheckIntervalSeconds is not { } interval)
                {
                    continue;
                }

                if (_due.TryGetValue(deployment.Id, out var due) && now < due)
                {
                    continue;
                }

                _due[deployment.Id] = now + (interval * TimeSpan.TicksPerSecond);
                (checks ??= []).Add(CheckAsync(route, i, cancellationToken));
            }
        }

        if (checks is not null)
        {
            await Task.WhenAll(checks);
        }
    }

    private async Task CheckAsync(RuntimeRoute route, int index, CancellationToken cancellationToken)
    {
        var deployment = route.Deployments[index];
        if (HealthCheckRequest.Create(deployment) is not { } request)
        {
            return;
        }

        var state = registry.ForRoute(route);
        var health = state.Health[index];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        AttemptOutcome outcome;
        long retryAfter = 0;
        try
        {
            await using var exchange = await client.SendAsync(request, timeout.Token);
            var status = exchange.Status;
            outcome = exchange.TransportError is not null || status is 401 or 403 or 408 || status >= 500
                ? AttemptOutcome.Failure
                : status == 429 ? AttemptOutcome.RateLimited : AttemptOutcome.Success;
            retryAfter = RetryRules.RetryAfterTicks(exchange.RetryAfter());
            if (outcome != AttemptOutcome.Success)
            {
                DataPlaneLog.HealthCheckFailed(logger, deployment.Id, exchange.TransportError?.Message ?? $"HTTP {status}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = AttemptOutcome.Failure;
            DataPlaneLog.HealthCheckFailed(logger, deployment.Id, "timed out");
        }

        // An open breaker whose cooldown is over takes the check as its probe; a closed one counts it like a request.
        var now = time.GetUtcNow().UtcTicks;
        var probe = health.BreakerState != BreakerStates.Closed;
        if (probe && !health.IsAvailable(now))
        {
            return;
        }

        health.Record(probe, outcome, now, state.Breaker, retryAfterTicks: retryAfter);
    }
}
