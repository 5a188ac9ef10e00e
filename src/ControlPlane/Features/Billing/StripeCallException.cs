namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// A Stripe call that failed: <see cref="Transient"/> for 429, 5xx, timeouts and network errors (worth retrying, with
/// <see cref="RetryAfter"/> when Stripe said when); otherwise Stripe refused the request and a retry would too.
/// The message carries Stripe's error message, never the API key.
/// </summary>
public sealed class StripeCallException(string message, int? status, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? Status { get; } = status;
    public bool Transient { get; } = transient;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
