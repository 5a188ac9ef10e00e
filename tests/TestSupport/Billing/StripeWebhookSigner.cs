using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Testing.Billing;

/// <summary>Signs webhook payloads as Stripe does: <c>Stripe-Signature: t={unix},v1={hex HMAC-SHA256(secret, "{t}.{payload}")}</c>.</summary>
public static class StripeWebhookSigner
{
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
