namespace Switchyard.DataPlane.Routing;

/// <summary>What the forward stage does after an attempt failed before anything reached the caller.</summary>
public enum RetryDisposition
{
    /// <summary>Answer the error; no other deployment would do better (400, 404, a bug).</summary>
    Final,

    /// <summary>Try the next deployment, then the route's fallbacks (unreachable, timeout, 5xx, overloaded).</summary>
    Retry,

    /// <summary>A provider 429: skip the deployment until its Retry-After and try another (or wait, within the cap).</summary>
    RateLimited,

    /// <summary>The prompt is over the model's context window: only the route's context-window fallbacks can help.</summary>
    ContextWindow,

    /// <summary>The provider's content filter refused: only the route's content-policy fallbacks can help.</summary>
    ContentPolicy,
}
