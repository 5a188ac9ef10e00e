using Bunit;
using Switchyard.Portal.Components.Pages.Billing;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class BillingPageTests : PortalTestContext
{
    private static readonly DateTimeOffset Now = FakeControlPlaneClient.Now;

    [Fact]
    public void Render_PlatformAdmin_ShowsEveryTenantsLinkSyncReconciliationAndFailedPayments()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.TenantBilling = TenantBilling([]);
        Api.PlatformBilling = new PlatformBillingDto("switchyard_usage", "CostMicros",
        [
            new(Guid.NewGuid(), "acme", "cus_123", "sub_1", "active", Now.AddMinutes(-5), null, "matched", 0, Now.AddHours(-2), 0, "good"),
            new(Guid.NewGuid(), "globex", "cus_456", "sub_2", "past_due", Now.AddMinutes(-5), "Stripe answered 500: boom", "differences", 3, Now.AddHours(-2), 2, "suspended",
                "2026-02-03T08:00Z: ledger 1500, sent 1000; 2026-02-03T09:00Z: ledger 700, sent 0; 2026-02-03T10:00Z: ledger 20, sent 0"),
            new(Guid.NewGuid(), "initech", null, null, null, null, null, "never", 0, null, 0, "good"),
        ]);

        var page = RenderPage<Billing>();

        page.WaitForAssertion(() => Assert.Equal(["acme", "globex", "initech"], page.FindAll("[data-testid=billing-tenant]").Select(c => c.TextContent.Trim())));
        var customers = page.FindAll("[data-testid=billing-customer]");
        Assert.Equal("https://dashboard.stripe.com/customers/cus_123", customers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("not linked", customers[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(["matched", "differences", "never"], page.FindAll("[data-testid=billing-reconciliation]").Select(c => c.GetAttribute("data-status")));
        Assert.Contains("3 hour(s) differ", page.FindAll("[data-testid=billing-reconciliation]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-02-03T08:00Z: ledger 1500, sent 1000", Assert.Single(page.FindAll("[data-testid=billing-reconciliation-detail]")).TextContent, StringComparison.Ordinal);
        Assert.Equal("Stripe answered 500: boom", page.Find("[data-testid=billing-sync-error]").TextContent.Trim());
        Assert.Equal(["0", "2", "0"], page.FindAll("[data-testid=billing-failed-payments]").Select(c => c.TextContent.Trim()));
        Assert.Equal("suspended", page.FindAll("[data-testid=billing-standing]")[1].GetAttribute("data-standing"));
    }

    [Fact]
    public void Render_TenantAdmin_ShowsRunningTotalAndInvoicesButNotThePlatformTable()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.TenantBilling = TenantBilling(
        [
            new("in_2", "open", 4_200, 0, "usd", Now.AddDays(-30), Now, Now),
            new("in_1", "paid", 1_050, 1_050, "usd", Now.AddDays(-60), Now.AddDays(-30), Now.AddDays(-29)),
        ]);

        var page = RenderPage<Billing>();

        page.WaitForAssertion(() => Assert.Equal("$12.3456", page.Find("[data-testid=billing-running-total]").TextContent.Trim()));
        Assert.Contains("$10.0000 sent to Stripe", page.Find("[data-testid=billing-sent]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["open", "paid"], page.FindAll("[data-testid=invoice-status]").Select(c => c.TextContent.Trim()));
        Assert.Equal("42.00 USD", page.FindAll("[data-testid=invoice-due]")[0].TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=billing-tenants]"));
        Assert.DoesNotContain(nameof(Api.GetPlatformBillingAsync), Api.Calls);
    }

    [Fact]
    public void Render_BillingOff_ShowsTheControlPlanesMessage()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.GetTenantBillingAsync)] = FakeControlPlaneClient.Problem(
            "Billing through Stripe is not configured on this platform.", System.Net.HttpStatusCode.NotFound);

        var page = RenderPage<Billing>();

        page.WaitForAssertion(() => Assert.Contains("Billing through Stripe is not configured", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=billing-running-total]"));
    }

    [Fact]
    public void Link_UnlinkedTenant_LinksItThroughTheApiAndShowsItsCustomer()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.TenantBilling = TenantBilling([]);
        var initech = Guid.NewGuid();
        Api.PlatformBilling = new PlatformBillingDto("switchyard_usage", "CostMicros",
        [
            new(Guid.NewGuid(), "acme", "cus_123", "sub_1", "active", Now.AddMinutes(-5), null, "matched", 0, Now.AddHours(-2), 0, "good"),
            new(initech, "initech", null, null, null, null, null, "never", 0, null, 0, "good"),
        ]);
        var page = RenderPage<Billing>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=billing-link]"))); // only the unlinked tenant offers it

        page.Find("[data-testid=billing-link]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=billing-link]")));
        Assert.Equal([initech], Api.LinkedTenants);
        Assert.Contains("cus_new", page.FindAll("[data-testid=billing-customer]")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveRule_Suspend_SendsTheRuleAndShowsIt()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.TenantBilling = TenantBilling([]);
        Api.PlatformBilling = new PlatformBillingDto("switchyard_usage", "CostMicros", [], new FailedPaymentRuleDto("none", 7));
        var page = RenderPage<Billing>();
        page.WaitForAssertion(() => Assert.Contains("recorded only", page.Find("[data-testid=billing-rule-text]").TextContent, StringComparison.Ordinal));
        Assert.Contains("From the configuration", page.Find("[data-testid=billing-rule-text]").TextContent, StringComparison.Ordinal);

        page.Pick("billing-rule-action", "suspends after a grace period");
        page.Find("input[data-testid=billing-rule-grace]").Change("3");
        page.Find("[data-testid=billing-rule-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("grace period of 3 day(s)", page.Find("[data-testid=billing-rule-text]").TextContent, StringComparison.Ordinal));
        Assert.Equal(("suspend", 3), (Api.PlatformBilling.FailedPaymentRule!.Action, Api.PlatformBilling.FailedPaymentRule.GraceDays));
    }

    [Fact]
    public void Render_TenantAdmin_NoRuleEditorNorLinkButtons()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.TenantBilling = TenantBilling([]);

        var page = RenderPage<Billing>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=billing-running-total]")));
        Assert.Empty(page.FindAll("[data-testid=billing-rule]"));
        Assert.Empty(page.FindAll("[data-testid=billing-link]"));
    }

    private static TenantBillingDto TenantBilling(IReadOnlyList<BillingInvoiceDto> invoices) => new(
        FakeControlPlaneClient.TenantId, true, "good", Now.AddDays(-5), Now.AddDays(25), "CostMicros", 12_345_600, 12.3456m, 10_000_000, Now.AddMinutes(-5), invoices);
}
