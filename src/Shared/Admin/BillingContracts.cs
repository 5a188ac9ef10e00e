namespace Switchyard.Shared.Admin;

/// <summary>
/// One tenant's Stripe billing as platform admins see it: its Stripe customer and subscription (null: not linked), the
/// last usage sync, the last reconciliation (<c>Status</c>: <c>matched</c>, <c>differences</c> or <c>never</c>) and failed payments.
/// </summary>
/// <param name="ReconciliationDetail">The differing hours of the last reconciliation (the first 20), each with the
/// ledger's figure and Stripe's (or what was sent), e.g. <c>2026-02-03T08:00Z: ledger 1500, sent 1000</c>; null when none differ.</param>
public sealed record TenantBillingSummaryDto(
    Guid TenantId, string TenantName, string? StripeCustomerId, string? StripeSubscriptionId, string? SubscriptionStatus,
    DateTimeOffset? LastSyncAt, string? LastSyncError, string ReconciliationStatus, int ReconciliationDifferences,
    DateTimeOffset? ReconciledAt, int FailedPayments, string Standing, string? ReconciliationDetail = null);

/// <summary>GET /api/platform/billing: whether billing is on, every tenant's billing and the failed-payment rule in force.</summary>
public sealed record PlatformBillingDto(
    string MeterEventName, string MeterUnit, IReadOnlyList<TenantBillingSummaryDto> Tenants, FailedPaymentRuleDto? FailedPaymentRule = null);

/// <summary>
/// GET/PUT /api/platform/billing/failed-payment-rule: what a failed payment does — <c>none</c> (recorded only) or
/// <c>suspend</c> (a grace period of <paramref name="GraceDays"/> days, then suspended; 0: suspended at once).
/// </summary>
/// <param name="UpdatedAt">When a platform admin last set it; null while the configuration's rule applies.</param>
public sealed record FailedPaymentRuleDto(string Action, int GraceDays, DateTimeOffset? UpdatedAt = null)
{
    public const string None = "none";
    public const string Suspend = "suspend";
}

/// <summary>A Stripe invoice of the tenant as the webhooks reported it (amounts in the currency's smallest unit).</summary>
public sealed record BillingInvoiceDto(
    string Id, string Status, long AmountDue, long AmountPaid, string Currency, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, DateTimeOffset UpdatedAt);

/// <summary>
/// GET /api/tenants/{tenantId}/billing: the current (UTC calendar month) period's running total in the meter's unit and
/// in USD of cost, what of it was sent to Stripe, the tenant's standing and its invoices (newest first).
/// </summary>
public sealed record TenantBillingDto(
    Guid TenantId, bool Linked, string Standing, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string MeterUnit,
    long RunningTotal, decimal RunningCostUsd, long SentToStripe, DateTimeOffset? LastSyncAt, IReadOnlyList<BillingInvoiceDto> Invoices);

/// <summary>POST /api/platform/billing/tenants/{tenantId}/link: the tenant's Stripe customer and metered subscription.</summary>
public sealed record BillingLinkDto(Guid TenantId, string StripeCustomerId, string StripeSubscriptionId, string SubscriptionStatus);
