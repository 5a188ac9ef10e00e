using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Billing;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

/// <summary>
/// The control plane with billing pointed at a <see cref="FakeStripe"/>, on a fake clock (<see cref="Time"/>); Stripe
/// retries wait on <see cref="Delays"/>, which records each wait and ends it at once.
/// </summary>
internal sealed class BillingTestHost : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_0123456789abcdef";
    public static readonly DateTimeOffset LinkedAt = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private BillingTestHost(ControlPlaneTestHost host, FakeStripe stripe, FakeTimeProvider time, RecordingDelays delays)
    {
        Host = host;
        Stripe = stripe;
        Time = time;
        Delays = delays;
    }

    public ControlPlaneTestHost Host { get; }
    public FakeStripe Stripe { get; }
    public FakeTimeProvider Time { get; }
    public RecordingDelays Delays { get; }

    public static async Task<BillingTestHost> StartAsync(IDictionary<string, string?>? overrides = null, Func<IStripeBilling, IStripeBilling>? wrap = null)
    {
        var stripe = await FakeStripe.StartAsync();
        var time = new FakeTimeProvider(LinkedAt);
        var delays = new RecordingDelays();
        var settings = new Dictionary<string, string?>
        {
            ["Billing:Stripe:ApiKey"] = stripe.ApiKey,
            ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
            ["Billing:Stripe:ApiBase"] = stripe.BaseUrl,
            ["Billing:Stripe:PriceId"] = "price_metered_test",
            ["Billing:Stripe:MeterEventName"] = "switchyard_cost",
            ["Billing:Stripe:TimeoutSeconds"] = "1",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        try
        {
            var host = await ControlPlaneTestHost.StartAsync(settings, services: s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddSingleton(sp => new StripeRetry(sp.GetRequiredService<IOptions<StripeBillingOptions>>(), delays));
                if (wrap is not null)
                {
                    s.AddSingleton(sp => wrap(new StripeBillingClient(sp.GetRequiredService<IOptions<StripeBillingOptions>>())));
                }
            });
            return new BillingTestHost(host, stripe, time, delays);
        }
        catch
        {
            await stripe.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a tenant and links it to Stripe at <see cref="LinkedAt"/>; returns its id and customer id.</summary>
    public async Task<(Guid TenantId, string CustomerId)> LinkedTenantAsync(string name)
    {
        var tenant = await Host.CreateTenantAsync(name);
        var response = await Host.Admin.PostAsync($"/api/platform/billing/tenants/{tenant.Id}/link", null);
        response.EnsureSuccessStatusCode();
        var link = (await response.Content.ReadFromJsonAsync<BillingLinkDto>(SwitchyardJson.Options))!;
        return (tenant.Id, link.StripeCustomerId);
    }

    public async Task IngestAsync(params UsageRecord[] records)
    {
        await using var scope = Host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageIngestor>()
            .IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
        Assert.Equal(0, result.Quarantined);
    }

    public static UsageRecord Usage(Guid tenantId, DateTimeOffset at, long costMicros, int input = 100, int output = 50) =>
        new(Guid.CreateVersion7(at), at, "node-1", tenantId, Guid.Empty, Guid.NewGuid(), "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o",
            false, input, output, 200, null, 10, null, CostMicros: costMicros, PriceVersion: "price:x");

    public async Task<StripeUsageSync> SyncAsync()
    {
        await using var scope = Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StripeUsageSyncJob>().RunAsync(CancellationToken.None);
    }

    public async Task<T> DbAsync<T>(Func<Switchyard.ControlPlane.Infrastructure.Database.ControlPlaneDbContext, Task<T>> query) => await Host.WithDbAsync(query);

    /// <summary>Posts a Stripe event to the webhook, signed now with the webhook secret as Stripe signs it; expects 200.</summary>
    public async Task WebhookAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/stripe/webhook")
        {
            Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ReceiveStripeWebhook.SignatureHeader, StripeWebhookSigner.Sign(payload, WebhookSecret, Time.GetUtcNow()));
        using var response = await Host.Anonymous.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public Task<BillingAccount> AccountAsync(Guid tenantId) =>
        DbAsync(db => db.BillingAccounts.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.TenantId == tenantId));

    /// <summary>The tenant's ledger (stored usage records) in the meter's unit, micro-dollars of cost.</summary>
    public Task<long> LedgerCostAsync(Guid tenantId, DateTimeOffset before) =>
        DbAsync(db => db.UsageRecords.IgnoreQueryFilters().Where(u => u.TenantId == tenantId && u.Timestamp < before).SumAsync(u => u.CostMicros));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>A clock for retry waits only: records each wait and ends it at once (tests never sleep).</summary>
internal sealed class RecordingDelays : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
