namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>What a webhook did, as stored with its event id and answered to Stripe.</summary>
public static class StripeWebhookOutcomes
{
    public const string Applied = "applied";
    public const string Older = "ignored: a newer event was already applied";
    public const string UnknownCustomer = "ignored: the customer is not linked to a tenant";
    public const string Unhandled = "ignored: event type not handled";
    public const string Duplicate = "duplicate: already received";
}
