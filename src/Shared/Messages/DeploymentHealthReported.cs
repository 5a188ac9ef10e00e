namespace Switchyard.Shared.Messages;

/// <summary>A node's periodic report of the health of every deployment it has served or checked since it started.</summary>
public sealed record DeploymentHealthReported(string NodeId, DateTimeOffset At, IReadOnlyList<DeploymentHealth> Deployments)
{
    /// <summary>The most deployments one report carries.</summary>
    public const int MaxDeployments = 5000;
}

/// <summary>One deployment's health on one node.</summary>
/// <param name="BreakerState">One of <c>BreakerStates</c>.</param>
/// <param name="CooldownUntil">Skipped until then (breaker open, or a provider's Retry-After); null when not cooling down.</param>
/// <param name="LatencyMs">EWMA of time to first token (streams) or total time (bodies); null before the first success.</param>
/// <param name="InFlight">Requests in flight to it on the node now.</param>
/// <param name="ErrorRate">Failed share of the requests in the breaker's window (0–1); null with no requests in it.</param>
/// <param name="Requests">Requests in the breaker's window.</param>
public sealed record DeploymentHealth(
    Guid TenantId,
    Guid RouteId,
    Guid DeploymentId,
    string BreakerState,
    DateTimeOffset? CooldownUntil,
    double? LatencyMs,
    int InFlight,
    double? ErrorRate,
    int Requests);
