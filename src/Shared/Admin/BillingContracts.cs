namespace Switchyard.Shared.Admin;

/// <summary>
/// One tenant's Stripe billing as platform admins see it: its Stripe customer and subscription (null: not linked), the
/// last usage sync, the last reconciliation (<c>Status</c>: <c>matched</c>, <c>differences</c> or <c>never</c>) and failed payments.
/// </summary>
public sealed record TenantBillingSummaryDto(
    Guid TenantId, string TenantName, string? StripeCustomerId, string? StripeSubscriptionId, string? SubscriptionStatus,
    DateTimeOffset? LastSyncAt, string? LastSyncError, string ReconciliationStatus, int ReconciliationDifferences,
    DateTimeOffset? ReconciledAt, int FailedPayments, string Standing);

/// <summary>GET /api/platform/billing: whether billing is on, and every tenant's billing.</summary>
public sealed record PlatformBillingDto(string MeterEventName, string MeterUnit, IReadOnlyList<TenantBillingSummaryDto> Tenants);

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
