using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class BillingExtensionsTests
{
    [Fact]
    public async Task AddBilling_Unconfigured_RegistersNoJobsAndEndpointsAnswer404()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var jobs = host.Services.GetServices<RecurringJobRegistration>().Select(j => j.Id).ToList();
        var platform = await host.Admin.GetAsync("/api/platform/billing");
        var tenantBilling = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/billing");
        var link = await host.Admin.PostAsync($"/api/platform/billing/tenants/{tenant.Id}/link", null);
        var webhook = await host.Anonymous.PostAsync("/api/billing/stripe/webhook", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.DoesNotContain(StripeUsageSyncJob.Id, jobs);
        Assert.DoesNotContain(BillingReconciliationJob.Id, jobs);
        Assert.All(new[] { platform, tenantBilling, link, webhook }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("Billing:Stripe:ApiKey", await platform.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddBilling_Configured_RegistersTheJobs()
    {
        await using var b = await BillingTestHost.StartAsync();

        var jobs = b.Host.Services.GetServices<RecurringJobRegistration>().Select(j => j.Id).ToList();

        Assert.Contains(StripeUsageSyncJob.Id, jobs);
        Assert.Contains(BillingReconciliationJob.Id, jobs);
        Assert.Contains(BillingStandingJob.Id, jobs);
    }

    [Theory]
    [InlineData("Billing:Stripe:WebhookSecret", "", "Billing:Stripe:WebhookSecret")]
    [InlineData("Billing:Stripe:PriceId", "", "Billing:Stripe:PriceId")]
    [InlineData("Billing:Stripe:ApiBase", "not a url", "Billing:Stripe:ApiBase")]
    [InlineData("Billing:Stripe:MeterEventName", "has spaces", "Billing:Stripe:MeterEventName")]
    public async Task AddBilling_BadSetting_StopsStartNamingIt(string setting, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Billing:Stripe:ApiKey"] = "sk_test_never_shown_0123456789",
            ["Billing:Stripe:WebhookSecret"] = "whsec_x",
            ["Billing:Stripe:PriceId"] = "price_x",
            [setting] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ControlPlaneTestHost.StartAsync(settings));

        Assert.Contains(named, error.Message);
        Assert.DoesNotContain("sk_test_never_shown", error.Message);
    }
}
