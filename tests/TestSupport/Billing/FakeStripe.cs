using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.Testing.Billing;

/// <summary>
/// A fake Stripe API on 127.0.0.1 (real Kestrel, port 0), enough for usage billing: <c>POST /v1/customers</c>,
/// <c>/v1/subscriptions</c> and <c>/v1/billing/meter_events</c> with form-encoded bodies, Bearer API key auth, Stripe's
/// error body (<c>{"error":{"type","message","code","param"}}</c>), idempotency keys (a repeated key with the same
/// parameters replays the first answer with <c>Idempotent-Replayed: true</c>; with other parameters it is a 400
/// <c>idempotency_error</c>) and meter events deduplicated by <c>identifier</c>. Faults are scripted per request:
/// <see cref="FailNext"/> (e.g. 429 with Retry-After, 500) and <see cref="HangAfterNext"/> (the request is applied, then
/// the answer never comes in time — a client timeout after Stripe received the event).
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _faults = new();
    private readonly ConcurrentDictionary<string, (string Body, int Status, string Answer)> _idempotency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MeterEvent> _eventsByIdentifier = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _ids;

    private FakeStripe(WebApplication app) => _app = app;

    public string ApiKey { get; init; } = "sk_test_fake_stripe_key_0123456789";

    /// <summary>http://127.0.0.1:port</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request (method, path, form fields, headers), in arrival order, faults and replays included.</summary>
    public ConcurrentQueue<StripeRequest> Requests { get; } = new();

    /// <summary>Meter events Stripe accepted, each identifier once, in order.</summary>
    public ConcurrentQueue<MeterEvent> MeterEvents { get; } = new();

    /// <summary>Meter events received again with an identifier already accepted (and dropped, as Stripe does).</summary>
    public int DuplicateMeterEvents => _duplicates;

    private int _duplicates;

    /// <summary>Requests answered by replaying an earlier answer for the same idempotency key.</summary>
    public int IdempotentReplays => _replays;

    private int _replays;

    public IReadOnlyCollection<Customer> Customers => _customers.Values.ToList();

    /// <summary>Forgets every idempotency key (Stripe keeps them 24 hours); meter event identifiers stay unique.</summary>
    public void ForgetIdempotencyKeys() => _idempotency.Clear();

    /// <summary>Stripe's own totals leave out these meter events from now on (as if Stripe had lost them after acknowledging).</summary>
    public void LoseMeterEvents(Func<MeterEvent, bool> which)
    {
        foreach (var meterEvent in MeterEvents.Where(which))
        {
            _lost.TryAdd(meterEvent.Identifier, true);
        }
    }

    private readonly ConcurrentDictionary<string, bool> _lost = new(StringComparer.Ordinal);

    /// <summary>The meter's sum for a customer (every accepted event's value).</summary>
    public long MeterTotal(string customerId) => MeterEvents.Where(e => e.CustomerId == customerId).Sum(e => e.Value);

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stripe = new FakeStripe(app);
        app.Run(stripe.HandleAsync);
        await app.StartAsync();
        stripe.BaseUrl = app.Urls.First().TrimEnd('/');
        return stripe;
    }

    /// <summary>The next request is answered <paramref name="status"/> with Stripe's error body (and Retry-After when given), not applied.</summary>
    public void FailNext(int status, TimeSpan? retryAfter = null) => _faults.Enqueue(async context =>
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var (type, code, message) = status == 429
            ? ("invalid_request_error", "rate_limit", "Too many requests hit the API too quickly.")
            : ("api_error", (string?)null, "An unknown error occurred on Stripe's end.");
        await WriteErrorAsync(context, status, type, message, code, null);
        return true;
    });

    /// <summary>The next request is applied, then its answer is held for <paramref name="delay"/> (longer than the client waits).</summary>
    public void HangAfterNext(TimeSpan delay) => _faults.Enqueue(context =>
    {
        context.Items["hang"] = delay;
        return Task.FromResult(false);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var fields = form?.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                     ?? context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        Requests.Enqueue(new StripeRequest(context.Request.Method, context.Request.Path.Value ?? "", fields, idempotencyKey,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await WriteErrorAsync(context, 401, "invalid_request_error", "Invalid API Key provided.", null, null);
            return;
        }

        if (_faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        var canonical = string.Join('&', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")) + "|" + context.Request.Path;
        int status;
        string answer;
        var replayed = false;
        lock (_lock)
        {
            if (idempotencyKey.Length > 0 && _idempotency.TryGetValue(idempotencyKey, out var earlier))
            {
                if (earlier.Body != canonical)
                {
                    (status, answer) = (400, Error("idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.", null, null));
                }
                else
                {
                    (status, answer, replayed) = (earlier.Status, earlier.Answer, true);
                    Interlocked.Increment(ref _replays);
                }
            }
            else
            {
                (status, answer) = Apply(context.Request.Path.Value ?? "", fields);
                if (idempotencyKey.Length > 0 && status is < 500)
                {
                    _idempotency[idempotencyKey] = (canonical, status, answer);
                }
            }
        }

        if (context.Items["hang"] is TimeSpan hang)
        {
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Interlocked.Increment(ref _ids);
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    private (int Status, string Body) Apply(string path, Dictionary<string, string> f)
    {
        switch (path)
        {
            case "/v1/customers":
            {
                var customer = new Customer("cus_" + NewId(), f.GetValueOrDefault("name") ?? "", Metadata(f));
                _customers[customer.Id] = customer;
                return (200, Json(new Dictionary<string, object?>
                {
                    ["id"] = customer.Id, ["object"] = "customer", ["name"] = customer.Name, ["metadata"] = customer.Metadata, ["livemode"] = false,
                }));
            }

            case "/v1/subscriptions":
            {
                var customerId = f.GetValueOrDefault("customer") ?? "";
                if (!_customers.TryGetValue(customerId, out var customer))
                {
                    return (400, Error("invalid_request_error", $"No such customer: '{customerId}'", "resource_missing", "customer"));
                }

                if (!f.TryGetValue("items[0][price]", out var price) || price.Length == 0)
                {
                    return (400, Error("invalid_request_error", "Missing required param: items.", "parameter_missing", "items"));
                }

                customer.SubscriptionId = "sub_" + NewId();
                customer.Price = price;
                return (200, Json(new Dictionary<string, object?>
                {
                    ["id"] = customer.SubscriptionId, ["object"] = "subscription", ["customer"] = customerId, ["status"] = "active",
                    ["metadata"] = Metadata(f), ["livemode"] = false,
                }));
            }

            case "/v1/billing/meter_events":
            {
                var customerId = f.GetValueOrDefault("payload[stripe_customer_id]") ?? "";
                if (!f.TryGetValue("event_name", out var name) || name.Length == 0)
                {
                    return (400, Error("invalid_request_error", "Missing required param: event_name.", "parameter_missing", "event_name"));
                }

                if (!_customers.ContainsKey(customerId))
                {
                    return (400, Error("invalid_request_error", $"No such customer: '{customerId}'", "resource_missing", "payload[stripe_customer_id]"));
                }

                if (!long.TryParse(f.GetValueOrDefault("payload[value]"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    return (400, Error("invalid_request_error", "payload[value] must be a number.", "parameter_invalid", "payload[value]"));
                }

                var identifier = f.GetValueOrDefault("identifier") ?? "mev_" + NewId();
                var timestamp = long.Parse(f.GetValueOrDefault("timestamp") ?? "0", CultureInfo.InvariantCulture);
                var meterEvent = new MeterEvent(name, identifier, customerId, value, DateTimeOffset.FromUnixTimeSeconds(timestamp));
                if (_eventsByIdentifier.TryAdd(identifier, meterEvent))
                {
                    MeterEvents.Enqueue(meterEvent);
                }
                else
                {
                    Interlocked.Increment(ref _duplicates);
                }

                return (200, Json(new Dictionary<string, object?>
                {
                    ["object"] = "billing.meter_event", ["created"] = timestamp, ["event_name"] = name, ["identifier"] = identifier, ["livemode"] = false,
                    ["payload"] = new Dictionary<string, string> { ["stripe_customer_id"] = customerId, ["value"] = value.ToString(CultureInfo.InvariantCulture) },
                    ["timestamp"] = timestamp,
                }));
            }

            case var summaries when summaries.StartsWith("/v1/billing/meters/", StringComparison.Ordinal) && summaries.EndsWith("/event_summaries", StringComparison.Ordinal):
            {
                // GET: the customer's events in [start_time, end_time) summed per hour (value_grouping_window=hour), as Stripe aggregates them.
                var meter = summaries["/v1/billing/meters/".Length..^"/event_summaries".Length];
                var customerId = f.GetValueOrDefault("customer") ?? "";
                if (!long.TryParse(f.GetValueOrDefault("start_time"), CultureInfo.InvariantCulture, out var start)
                    || !long.TryParse(f.GetValueOrDefault("end_time"), CultureInfo.InvariantCulture, out var end))
                {
                    return (400, Error("invalid_request_error", "Missing required param: start_time.", "parameter_missing", "start_time"));
                }

                var hours = MeterEvents.Where(e => e.CustomerId == customerId && !_lost.ContainsKey(e.Identifier))
                    .Where(e => e.Timestamp.ToUnixTimeSeconds() >= start && e.Timestamp.ToUnixTimeSeconds() < end)
                    .GroupBy(e => e.Timestamp.ToUnixTimeSeconds() / 3600 * 3600).OrderBy(g => g.Key)
                    .Select(g => new Dictionary<string, object?>
                    {
                        ["id"] = "mtrusg_" + g.Key, ["object"] = "billing.meter_event_summary", ["aggregated_value"] = (double)g.Sum(e => e.Value),
                        ["start_time"] = g.Key, ["end_time"] = g.Key + 3600, ["livemode"] = false, ["meter"] = meter,
                    }).ToList();
                return (200, Json(new Dictionary<string, object?> { ["object"] = "list", ["data"] = hours, ["has_more"] = false, ["url"] = summaries }));
            }

            default:
                return (404, Error("invalid_request_error", $"Unrecognized request URL (POST: {path}).", null, null));
        }
    }

    private string NewId() => Interlocked.Increment(ref _ids).ToString("D8", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetHexString(8, lowercase: true);

    private static Dictionary<string, string> Metadata(Dictionary<string, string> f) =>
        f.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(p => p.Key[9..^1], p => p.Value);

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message, string? code, string? param)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Error(type, message, code, param), context.RequestAborted);
    }

    private static string Error(string type, string message, string? code, string? param)
    {
        var error = new Dictionary<string, object?> { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return Json(new Dictionary<string, object?> { ["error"] = error });
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    public sealed class Customer(string id, string name, Dictionary<string, string> metadata)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public Dictionary<string, string> Metadata { get; } = metadata;
        public string? SubscriptionId { get; set; }
        public string? Price { get; set; }
    }

    public sealed record MeterEvent(string EventName, string Identifier, string CustomerId, long Value, DateTimeOffset Timestamp);

    public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Fields, string IdempotencyKey, IReadOnlyDictionary<string, string> Headers);
}
