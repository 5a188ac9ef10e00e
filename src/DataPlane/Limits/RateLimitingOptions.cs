using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Limits;

/// <summary>Where the rate-limit counters live and how the node copes with Redis (section "RateLimiting").</summary>
public sealed class RateLimitingOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary><see cref="LimitStoreKind.InProcess"/> (one node, the embedded default) or <see cref="LimitStoreKind.Redis"/> (shared by every node).</summary>
    public LimitStoreKind Store { get; set; } = LimitStoreKind.InProcess;

    /// <summary>StackExchange.Redis connection string; empty: <c>ConnectionStrings:Redis</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key the limits use.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "RateLimiting:KeyPrefix must not be empty.")]
    public string KeyPrefix { get; set; } = "sy:rl:";

    /// <summary>How long a request waits for Redis before the node decides on its local share instead.</summary>
    [Range(5, 5000, ErrorMessage = "RateLimiting:RedisTimeoutMilliseconds must be between 5 and 5000.")]
    public int RedisTimeoutMilliseconds { get; set; } = 100;

    /// <summary>Consecutive Redis failures that open the breaker (requests then use the local share without trying Redis).</summary>
    [Range(1, 100, ErrorMessage = "RateLimiting:BreakerFailures must be between 1 and 100.")]
    public int BreakerFailures { get; set; } = 2;

    /// <summary>How long the breaker stays open before one request probes Redis again.</summary>
    [Range(0.1, 300, ErrorMessage = "RateLimiting:BreakerOpenSeconds must be between 0.1 and 300.")]
    public double BreakerOpenSeconds { get; set; } = 5;

    /// <summary>How often each node announces itself in Redis (the live-node count divides the limits while Redis is down).</summary>
    [Range(0.2, 60, ErrorMessage = "RateLimiting:HeartbeatSeconds must be between 0.2 and 60.")]
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>The node count assumed before the first heartbeat answered (Redis down since the node started).</summary>
    /// <summary>With the in-process store: how often the node raises its budget counters to the ledger's spend (and once at start).</summary>
    [Range(1, 3600, ErrorMessage = "RateLimiting:SpendSyncSeconds must be between 1 and 3600.")]
    public double SpendSyncSeconds { get; set; } = 60;

    [Range(1, 10000, ErrorMessage = "RateLimiting:NodesWhenUnknown must be between 1 and 10000.")]
    public int NodesWhenUnknown { get; set; } = 1;

    /// <summary>
    /// A concurrency counter in Redis expires this long after its last acquire, so slots held by a node that died are
    /// given back (longer than the longest stream).
    /// </summary>
    [Range(10, 86400, ErrorMessage = "RateLimiting:ConcurrencyExpirySeconds must be between 10 and 86400.")]
    public int ConcurrencyExpirySeconds { get; set; } = 900;

    /// <summary>
    /// A budget's spend counter in Redis expires this long after its last reservation (the control plane's reconciliation
    /// restores it from the ledger, so only an idle counter goes).
    /// </summary>
    [Range(1, 400, ErrorMessage = "RateLimiting:SpendExpiryDays must be between 1 and 400.")]
    public int SpendExpiryDays { get; set; } = 40;

    /// <summary>
    /// The output tokens a budget reservation assumes for a request that sets no <c>max_tokens</c> on a model whose output
    /// limit is unknown (its stream is cut if it produces more than it reserved).
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "RateLimiting:BudgetDefaultMaxOutputTokens must be between 1 and 10000000.")]
    public int BudgetDefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>Connection string to use: <see cref="Redis"/> or the given <c>ConnectionStrings:Redis</c>.</summary>
    public string? ConnectionString(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(Redis) ? configuration.GetConnectionString("Redis") : Redis;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Store))
        {
            yield return new ValidationResult("RateLimiting:Store must be InProcess or Redis.", [nameof(Store)]);
        }
    }
}
