namespace Switchyard.DataPlane.Limits;

/// <summary>Where a node keeps its rate-limit counters (<see cref="RateLimitingOptions.Store"/>).</summary>
public enum LimitStoreKind
{
    /// <summary>In the node's memory: exact for one node (the embedded mode).</summary>
    InProcess,

    /// <summary>In Redis, shared by every node, with each node's share enforced locally while Redis is unreachable.</summary>
    Redis,
}
