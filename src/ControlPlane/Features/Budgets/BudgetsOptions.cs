using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>Budget reconciliation and alert delivery (section "Budgets").</summary>
public sealed class BudgetsOptions
{
    public const string Section = "Budgets";

    /// <summary>
    /// The Redis the nodes keep their spend counters in (StackExchange.Redis connection string); empty:
    /// <c>ConnectionStrings:Redis</c>; neither: the nodes count in process and only the ledger's counters are reconciled.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The nodes' <c>RateLimiting:KeyPrefix</c> (the counters' names start with it).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Budgets:KeyPrefix must not be empty.")]
    public string KeyPrefix { get; set; } = "sy:rl:";

    /// <summary>Days a spend counter lives in Redis after its last change (the nodes' <c>RateLimiting:SpendExpiryDays</c>).</summary>
    [Range(1, 400, ErrorMessage = "Budgets:SpendExpiryDays must be between 1 and 400.")]
    public int SpendExpiryDays { get; set; } = 40;

    /// <summary>How long one webhook delivery may take.</summary>
    [Range(1, 60, ErrorMessage = "Budgets:WebhookTimeoutSeconds must be between 1 and 60.")]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries tried per alert before it is marked failed.</summary>
    [Range(1, 50, ErrorMessage = "Budgets:WebhookMaxAttempts must be between 1 and 50.")]
    public int WebhookMaxAttempts { get; set; } = 5;

    public string? ConnectionString(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(Redis) ? configuration.GetConnectionString("Redis") : Redis;
}
