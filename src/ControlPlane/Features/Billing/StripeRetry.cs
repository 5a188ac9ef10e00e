using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Runs a Stripe call up to <c>Billing:Stripe:MaxAttempts</c> times while it fails transiently (429, 5xx, timeout, network):
/// waits <c>RetryBaseDelayMs</c> doubled per retry, or what Stripe's <c>Retry-After</c> says, at most
/// <c>MaxRetryDelaySeconds</c>. Waits on the <see cref="TimeProvider"/>. A call retried after a timeout may have reached
/// Stripe: every call is idempotent (same key, same identifier), so Stripe applies it once.
/// </summary>
public sealed class StripeRetry(IOptions<StripeBillingOptions> options, TimeProvider time)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (StripeCallException ex) when (ex.Transient && attempt < o.MaxAttempts)
            {
                await Task.Delay(Delay(o, attempt, ex.RetryAfter), time, cancellationToken);
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);

    internal static TimeSpan Delay(StripeBillingOptions o, int attempt, TimeSpan? retryAfter)
    {
        var max = TimeSpan.FromSeconds(o.MaxRetryDelaySeconds);
        var delay = retryAfter ?? TimeSpan.FromMilliseconds(o.RetryBaseDelayMs * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return delay > max ? max : delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
