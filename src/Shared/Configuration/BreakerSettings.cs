namespace Switchyard.Shared.Configuration;

/// <summary>
/// The circuit breaker each node keeps per deployment of a route (passive health from real traffic; see <see cref="RouteResilienceRules"/>
/// for the ranges). It opens after <paramref name="ConsecutiveFailures"/> failures in a row, or when at least
/// <paramref name="MinimumRequests"/> requests in the last <paramref name="WindowSeconds"/> failed at <paramref name="FailureRatePercent"/>
/// or more; it stays open for <paramref name="CooldownSeconds"/>, then lets one probe request through (half-open): success closes
/// it, failure opens it again. A provider 429 puts the deployment on cooldown for its <c>Retry-After</c> instead.
/// </summary>
public sealed record BreakerSettings(
    int ConsecutiveFailures = 5,
    int FailureRatePercent = 50,
    int MinimumRequests = 20,
    int WindowSeconds = 60,
    int CooldownSeconds = 30)
{
    public static readonly BreakerSettings Default = new();
}
