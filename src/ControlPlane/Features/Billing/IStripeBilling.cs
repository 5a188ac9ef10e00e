namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// The few Stripe calls billing makes (the Stripe.net SDK sits behind it). Each call is made once: a failure throws
/// <see cref="StripeCallException"/> saying whether it may be retried (<see cref="StripeRetry"/> retries).
/// </summary>
public interface IStripeBilling
{
    /// <summary>Creates the tenant's customer; the idempotency key is derived from the tenant, so a retry never makes two.</summary>
    Task<string> CreateCustomerAsync(Guid tenantId, string tenantName, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the customer's metered subscription to <c>Billing:Stripe:PriceId</c>, idempotent per tenant and
    /// <paramref name="link"/> (the account's how-many-th subscription: a re-link after a cancellation gets a new key).
    /// </summary>
    Task<StripeSubscriptionInfo> CreateSubscriptionAsync(Guid tenantId, string customerId, int link, CancellationToken cancellationToken);

    /// <summary>Sends one billing meter event (v1 <c>/v1/billing/meter_events</c>) with its identifier as the idempotency key.</summary>
    Task SendMeterEventAsync(MeterEvent meterEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Stripe's own totals of the meter for the customer per hour in [from, to) (<c>GET /v1/billing/meters/{id}/event_summaries</c>,
    /// <c>value_grouping_window=hour</c>): what Stripe will invoice, independent of what it acknowledged.
    /// </summary>
    Task<IReadOnlyDictionary<DateTimeOffset, long>> GetMeterTotalsAsync(
        string meterId, string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed record StripeSubscriptionInfo(string Id, string Status);

/// <param name="Identifier">Stripe dedupes events by it (and by the request's idempotency key, the same value).</param>
public sealed record MeterEvent(string CustomerId, string Identifier, long Value, DateTimeOffset Timestamp);
