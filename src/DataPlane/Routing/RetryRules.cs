using System.Globalization;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Egress;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The arithmetic of retries: which failures are retried (and what they say about the deployment's health), the backoff
/// before a retry, and a Retry-After in ticks.
/// </summary>
public static class RetryRules
{
    /// <summary>
    /// Retried: the egress policy refusing the upstream's address (without counting against its breaker), the upstream unreachable or refusing the gateway's credential for this deployment, a redirect, a timeout
    /// (408/504), 5xx, overloaded (503/529); rate limited (429) is retried elsewhere after a cooldown. Not retried: the
    /// request's own faults (400, 404, 413), except a context-window overflow or a content-filter refusal, which only
    /// the route's matching fallbacks can serve.
    /// </summary>
    public static (RetryDisposition Disposition, AttemptOutcome Health) Classify(GatewayError error) => error.Kind switch
    {
        // The egress policy refused the address: another deployment may be allowed, but this says nothing of the upstream's health.
        GatewayErrorKind.Upstream when error.Code == EgressDeniedError.Code => (RetryDisposition.Retry, AttemptOutcome.Neutral),
        GatewayErrorKind.Upstream or GatewayErrorKind.Timeout or GatewayErrorKind.Overloaded => (RetryDisposition.Retry, AttemptOutcome.Failure),
        GatewayErrorKind.RateLimit => (RetryDisposition.RateLimited, AttemptOutcome.RateLimited),
        GatewayErrorKind.InvalidRequest when error.Code == "context_length_exceeded" => (RetryDisposition.ContextWindow, AttemptOutcome.Success),
        GatewayErrorKind.InvalidRequest when error.Code is "content_filter" or "content_policy_violation" => (RetryDisposition.ContentPolicy, AttemptOutcome.Success),
        // The upstream answered about the request itself: it is healthy; nothing learnt from a gateway-side refusal either.
        GatewayErrorKind.InvalidRequest or GatewayErrorKind.NotFound or GatewayErrorKind.RequestTooLarge => (RetryDisposition.Final, AttemptOutcome.Success),
        _ => (RetryDisposition.Final, AttemptOutcome.Neutral),
    };

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (1 for the first retry): exponential backoff with full jitter,
    /// uniform in [0, min(maxBackoff, backoff · 2^(retry-1))).
    /// </summary>
    public static TimeSpan Backoff(RouteRetrySettings settings, int retry, RoutingRandom random)
    {
        if (settings.BackoffMs <= 0 || retry <= 0)
        {
            return TimeSpan.Zero;
        }

        var cap = Math.Min(settings.MaxBackoffMs, settings.BackoffMs * Math.Pow(2, Math.Min(retry - 1, 30)));
        return TimeSpan.FromMilliseconds(random.NextDouble() * cap);
    }

    /// <summary>An upstream Retry-After (whole seconds, as <see cref="GatewayError.RetryAfter"/> carries it) in ticks; 1 s when absent or unreadable.</summary>
    public static long RetryAfterTicks(string? retryAfter) =>
        int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? Math.Min(seconds, 24 * 3600) * TimeSpan.TicksPerSecond
            : TimeSpan.TicksPerSecond;
}
