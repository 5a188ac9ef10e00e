using System.Text.Json;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

/// <summary>Webhook event payloads in Stripe's shape (<c>object: event</c>, <c>data.object</c> an invoice or subscription).</summary>
internal static class StripeEvents
{
    public static string Invoice(string eventId, string type, DateTimeOffset created, string invoiceId, string customerId, string status, long amountDue = 12_345, long amountPaid = 0) =>
        Event(eventId, type, created, new Dictionary<string, object?>
        {
            ["id"] = invoiceId, ["object"] = "invoice", ["customer"] = customerId, ["status"] = status, ["amount_due"] = amountDue,
            ["amount_paid"] = amountPaid, ["currency"] = "usd", ["period_start"] = created.AddDays(-30).ToUnixTimeSeconds(),
            ["period_end"] = created.ToUnixTimeSeconds(), ["livemode"] = false,
        });

    public static string Subscription(string eventId, string type, DateTimeOffset created, string subscriptionId, string customerId, string status) =>
        Event(eventId, type, created, new Dictionary<string, object?>
        {
            ["id"] = subscriptionId, ["object"] = "subscription", ["customer"] = customerId, ["status"] = status, ["livemode"] = false,
        });

    private static string Event(string id, string type, DateTimeOffset created, Dictionary<string, object?> data) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "event", ["api_version"] = "2025-11-17.clover", ["created"] = created.ToUnixTimeSeconds(), ["type"] = type,
            ["livemode"] = false, ["pending_webhooks"] = 1, ["data"] = new Dictionary<string, object?> { ["object"] = data },
        });
}
