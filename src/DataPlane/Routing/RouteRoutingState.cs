using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// What routing needs of one route of one snapshot, resolved once: its deployments' health states (aligned with
/// <see cref="RuntimeRoute.Deployments"/>), its retry budget and its resolved settings. The states themselves live in
/// <see cref="DeploymentHealthRegistry"/>, so they outlive the snapshot.
/// </summary>
public sealed class RouteRoutingState(DeploymentHealthState[] health, RetryBudget budget, RouteSnapshot route)
{
    public DeploymentHealthState[] Health { get; } = health;

    public RetryBudget Budget { get; } = budget;

    public BreakerSettings Breaker { get; } = route.Breaker ?? BreakerSettings.Default;

    public RouteRetrySettings Retry { get; } = route.Retry ?? RouteRetrySettings.Default;

    public RouteTimeouts Timeouts { get; } = route.Timeouts ?? RouteTimeouts.Default;
}
