namespace Switchyard.Shared.Configuration;

/// <summary>
/// How a route retries a failure that happened before anything reached the caller (see <see cref="RouteResilienceRules"/> for the ranges).
/// </summary>
/// <param name="MaxAttempts">Upstream attempts per request in all, over the route's deployments and its fallbacks (1 = no retry).</param>
/// <param name="BackoffMs">Base delay before a retry; doubled per retry, with full jitter.</param>
/// <param name="MaxBackoffMs">The longest delay before one retry.</param>
/// <param name="BudgetPercent">
/// Retries allowed per node as a percentage of the route's first attempts (over a sliding window): 100 means retries never more
/// than double upstream traffic.
/// </param>
/// <param name="MaxRetryAfterSeconds">
/// The longest a caller waits for an upstream's <c>Retry-After</c> when no other deployment can serve; beyond it the caller gets
/// the 429 with the upstream's <c>Retry-After</c>.
/// </param>
public sealed record RouteRetrySettings(
    int MaxAttempts = 3,
    int BackoffMs = 100,
    int MaxBackoffMs = 2000,
    int BudgetPercent = 100,
    int MaxRetryAfterSeconds = 5)
{
    public static readonly RouteRetrySettings Default = new();
}
