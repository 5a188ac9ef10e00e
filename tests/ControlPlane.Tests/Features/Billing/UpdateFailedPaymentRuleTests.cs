using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class UpdateFailedPaymentRuleTests
{
    private const string Path = "/api/platform/billing/failed-payment-rule";

    [Fact]
    public async Task Put_Suspend_AFailedPaymentThenStartsTheGracePeriodSetThroughTheApi()
    {
        // Configured to only record failed payments; a platform admin turns suspension on with 2 days of grace.
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:FailedPaymentAction"] = "None" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        Assert.Equal(("none", 7, (DateTimeOffset?)null), Tuple(await b.Host.Admin.GetFromJsonAsync<FailedPaymentRuleDto>(Path, SwitchyardJson.Options)));

        var put = await b.Host.Admin.PutAsJsonAsync(Path, new FailedPaymentRuleDto("suspend", 2), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("suspend", 2, b.Time.GetUtcNow()), Tuple(await b.Host.Admin.GetFromJsonAsync<FailedPaymentRuleDto>(Path, SwitchyardJson.Options)));
        var overview = await b.Host.Admin.GetFromJsonAsync<PlatformBillingDto>("/api/platform/billing", SwitchyardJson.Options);
        Assert.Equal(("suspend", 2), (overview!.FailedPaymentRule!.Action, overview.FailedPaymentRule.GraceDays));

        await b.WebhookAsync(StripeEvents.Invoice("evt_failed", "invoice.payment_failed", b.Time.GetUtcNow(), "in_1", customer, "open"));

        var state = await b.Host.WithDbAsync(db => db.TenantBillingStates.IgnoreQueryFilters().SingleAsync(s => s.TenantId == tenant));
        Assert.Equal((TenantBillingStatus.GracePeriod, b.Time.GetUtcNow().AddDays(2)), (state.Status, state.GraceEndsAt));
    }

    [Fact]
    public async Task Put_None_AFailedPaymentIsOnlyRecordedThoughConfiguredToSuspend()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:FailedPaymentAction"] = "Suspend" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");

        (await b.Host.Admin.PutAsJsonAsync(Path, new FailedPaymentRuleDto("none", 0), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        await b.WebhookAsync(StripeEvents.Invoice("evt_failed", "invoice.payment_failed", b.Time.GetUtcNow(), "in_1", customer, "open"));

        Assert.False(await b.Host.WithDbAsync(db => db.TenantBillingStates.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenant)));
        Assert.Equal(1, (await b.AccountAsync(tenant)).FailedPayments);
    }

    [Theory]
    [InlineData("""{"action":"block","graceDays":3}""", "action")]
    [InlineData("""{"action":"suspend","graceDays":91}""", "graceDays")]
    [InlineData("""{"action":"suspend","graceDays":-1}""", "graceDays")]
    public async Task Put_Invalid_ValidationProblemNamesTheField(string body, string field)
    {
        await using var b = await BillingTestHost.StartAsync();

        var response = await b.Host.Admin.PutAsync(Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_TenantAdmin_Forbidden()
    {
        await using var b = await BillingTestHost.StartAsync();
        var tenant = await b.Host.CreateTenantAsync("acme");
        using var admin = await b.Host.MemberClientAsync(tenant.Id, "admin@acme.test", MemberRole.TenantAdmin);

        var response = await admin.PutAsJsonAsync(Path, new FailedPaymentRuleDto("suspend", 1), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static (string, int, DateTimeOffset?) Tuple(FailedPaymentRuleDto? rule) => (rule!.Action, rule.GraceDays, rule.UpdatedAt);
}
