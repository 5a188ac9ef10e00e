namespace Switchyard.Shared.Configuration;

/// <summary>The states of a deployment's circuit breaker on one node, as reported and shown.</summary>
public static class BreakerStates
{
    /// <summary>Serving.</summary>
    public const string Closed = "closed";

    /// <summary>Skipped until the cooldown ends.</summary>
    public const string Open = "open";

    /// <summary>One probe request is let through; its outcome closes or re-opens the breaker.</summary>
    public const string HalfOpen = "half-open";
}
