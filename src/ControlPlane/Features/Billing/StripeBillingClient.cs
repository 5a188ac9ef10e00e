using System.Net;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Billing;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// <see cref="IStripeBilling"/> over Stripe.net against <c>Billing:Stripe:ApiBase</c>. The SDK's own retries are off
/// (<see cref="StripeRetry"/> retries, honouring <c>Retry-After</c>); its errors become <see cref="StripeCallException"/>.
/// The API key only travels in the request's Authorization header.
/// </summary>
public sealed class StripeBillingClient : IStripeBilling, IDisposable
{
    private readonly StripeBillingOptions _options;
    private readonly HttpClient _http;
    private readonly StripeClient _client;

    public StripeBillingClient(IOptions<StripeBillingOptions> options)
    {
        _options = options.Value;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds),
        };
        var apiBase = _options.ApiBase.TrimEnd('/');
        _client = new StripeClient(new StripeClientOptions
        {
            ApiKey = _options.ApiKey,
            ApiBase = apiBase,
            MeterEventsBase = apiBase,
            HttpClient = new SystemNetHttpClient(_http, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
    }

    public Task<string> CreateCustomerAsync(Guid tenantId, string tenantName, CancellationToken cancellationToken) =>
        CallAsync(async ct =>
        {
            var customer = await new CustomerService(_client).CreateAsync(
                new CustomerCreateOptions
                {
                    Name = tenantName,
                    Metadata = new Dictionary<string, string> { ["switchyard_tenant_id"] = tenantId.ToString() },
                },
                new RequestOptions { IdempotencyKey = $"sy-customer-{tenantId:N}" },
                ct);
            return customer.Id;
        }, cancellationToken);

    public Task<StripeSubscriptionInfo> CreateSubscriptionAsync(Guid tenantId, string customerId, int link, CancellationToken cancellationToken) =>
        CallAsync(async ct =>
        {
            var subscription = await new SubscriptionService(_client).CreateAsync(
                new SubscriptionCreateOptions
                {
                    Customer = customerId,
                    Items = [new SubscriptionItemOptions { Price = _options.PriceId }],
                    Metadata = new Dictionary<string, string> { ["switchyard_tenant_id"] = tenantId.ToString() },
                },
                new RequestOptions { IdempotencyKey = $"sy-subscription-{tenantId:N}-{customerId}-{link}" },
                ct);
            return new StripeSubscriptionInfo(subscription.Id, subscription.Status);
        }, cancellationToken);

    public Task SendMeterEventAsync(MeterEvent meterEvent, CancellationToken cancellationToken) =>
        CallAsync(async ct =>
        {
            await new MeterEventService(_client).CreateAsync(
                new MeterEventCreateOptions
                {
                    EventName = _options.MeterEventName,
                    Identifier = meterEvent.Identifier,
                    Timestamp = meterEvent.Timestamp.UtcDateTime,
                    Payload = new Dictionary<string, string>
                    {
                        ["stripe_customer_id"] = meterEvent.CustomerId,
                        ["value"] = meterEvent.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                new RequestOptions { IdempotencyKey = meterEvent.Identifier },
                ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<DateTimeOffset, long>> GetMeterTotalsAsync(
        string meterId, string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyDictionary<DateTimeOffset, long>>(async ct =>
        {
            var totals = new Dictionary<DateTimeOffset, long>();
            var options = new Stripe.Billing.MeterEventSummaryListOptions
            {
                Customer = customerId, StartTime = from.UtcDateTime, EndTime = to.UtcDateTime, ValueGroupingWindow = "hour", Limit = 100,
            };
            await foreach (var summary in new Stripe.Billing.MeterEventSummaryService(_client).ListAutoPagingAsync(meterId, options, null, ct))
            {
                var hour = new DateTimeOffset(DateTime.SpecifyKind(summary.StartTime, DateTimeKind.Utc));
                totals[hour] = totals.GetValueOrDefault(hour) + (long)Math.Round(summary.AggregatedValue, MidpointRounding.AwayFromZero);
            }

            return totals;
        }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (StripeException ex)
        {
            var status = (int)ex.HttpStatusCode;
            var transient = status is 0 or 408 or 409 or 429 or >= 500;
            var retryAfter = ex.StripeResponse?.Headers?.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            var what = ex.StripeError?.Message ?? ex.Message;
            throw new StripeCallException($"Stripe answered {status}: {what}", status == 0 ? null : status, transient, retryAfter, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StripeCallException("Stripe was unreachable: " + ex.Message, null, transient: true, inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StripeCallException("Stripe did not answer in time.", (int)HttpStatusCode.RequestTimeout, transient: true, inner: ex);
        }
    }
}
