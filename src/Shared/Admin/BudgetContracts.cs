namespace Switchyard.Shared.Admin;

/// <summary>A budget threshold crossed in a period (amounts in USD).</summary>
public sealed record BudgetAlertDto(
    Guid Id, string Scope, Guid OwnerId, string Period, int ThresholdPercent, decimal SpentUsd, decimal AmountUsd, DateTimeOffset CreatedAt, string? WebhookStatus);

/// <summary>One budget level's spend in its current period (amounts in USD; the period's bounds in UTC, null for <c>total</c>).</summary>
public sealed record BudgetStatusDto(
    string Scope, Guid OwnerId, string Name, decimal AmountUsd, string Period, string PeriodKey, decimal SpentUsd,
    DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, decimal? ForecastUsd);

/// <summary>The tenant's budget settings: the webhook budget alerts are posted to (null: none).</summary>
public sealed record BudgetSettingsDto(string? WebhookUrl);
