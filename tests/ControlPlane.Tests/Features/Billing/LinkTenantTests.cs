using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class LinkTenantTests
{
    [Fact]
    public async Task Link_AgainAfterTheSubscriptionWasCancelled_CreatesANewSubscriptionUnderANewIdempotencyKey()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        var first = (await b.AccountAsync(tenant)).StripeSubscriptionId!;
        await b.WebhookAsync(StripeEvents.Subscription("evt_del", "customer.subscription.deleted", b.Time.GetUtcNow(), first, customer, "canceled"));
        Assert.Null((await b.AccountAsync(tenant)).StripeSubscriptionId);

        var response = await b.Host.Admin.PostAsync($"/api/platform/billing/tenants/{tenant}/link", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<BillingLinkDto>(SwitchyardJson.Options))!;
        Assert.NotEqual(first, link.StripeSubscriptionId);
        Assert.Equal((customer, "active"), (link.StripeCustomerId, link.SubscriptionStatus));
        Assert.Equal(link.StripeSubscriptionId, (await b.AccountAsync(tenant)).StripeSubscriptionId);
        var keys = b.Stripe.Requests.Where(r => r.Path == "/v1/subscriptions").Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.Equal(0, b.Stripe.IdempotentReplays);
    }

    [Fact]
    public async Task Link_Repeated_ReturnsTheSameSubscriptionWithoutCallingStripeAgain()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, _) = await b.LinkedTenantAsync("acme");
        var first = (await b.AccountAsync(tenant)).StripeSubscriptionId;

        var again = await b.Host.Admin.PostAsync($"/api/platform/billing/tenants/{tenant}/link", null);

        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<BillingLinkDto>(SwitchyardJson.Options))!.StripeSubscriptionId);
        Assert.Single(b.Stripe.Requests, r => r.Path == "/v1/subscriptions");
    }
}
