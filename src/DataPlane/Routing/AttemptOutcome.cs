namespace Switchyard.DataPlane.Routing;

/// <summary>What one upstream attempt says about the deployment's health.</summary>
public enum AttemptOutcome
{
    /// <summary>The upstream answered (also a 4xx about the request itself: the upstream is healthy).</summary>
    Success,

    /// <summary>Unreachable, timed out, 5xx, overloaded, or a stream cut mid-way: counts against the breaker.</summary>
    Failure,

    /// <summary>A provider 429: skipped until its Retry-After, without counting against the breaker.</summary>
    RateLimited,

    /// <summary>Nothing learnt (the caller went away).</summary>
    Neutral,
}
