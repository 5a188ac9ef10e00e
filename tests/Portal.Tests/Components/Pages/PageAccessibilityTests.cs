using Microsoft.AspNetCore.Components;
using Switchyard.Portal.Components.Shared;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

/// <summary>
/// Walks every signed-in page of the portal (each routable <see cref="PortalPage"/>) as a platform admin, who is offered
/// every control, and checks what a screen reader needs: exactly one <c>h1</c>, a label on every input, and an
/// <c>aria-label</c> on every button that shows only an icon.
/// </summary>
public sealed class PageAccessibilityTests : PortalTestContext
{
    public static TheoryData<string> Pages() => [.. PageTypes()];

    private static IEnumerable<string> PageTypes() => typeof(PortalPage).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(PortalPage)) && !t.IsAbstract && t.IsDefined(typeof(RouteAttribute), false))
        .Select(t => t.FullName!)
        .Order(StringComparer.Ordinal);

    [Fact]
    public void Pages_TheWalk_FindsThePortalsPages()
    {
        var pages = PageTypes().ToList();

        Assert.Contains(pages, p => p.EndsWith(".AuditLog", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith(".Billing", StringComparison.Ordinal));
        Assert.True(pages.Count >= 15, $"only {pages.Count} pages found");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Render_PlatformAdmin_OneH1LabelledInputsAndNamedIconButtons(string pageType)
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddMember("al@acme.test");
        Api.AddTeam("Search");
        var now = FakeControlPlaneClient.Now;
        Api.TenantBilling = new TenantBillingDto(FakeControlPlaneClient.TenantId, true, "good", now.AddDays(-5), now.AddDays(25), "CostMicros", 0, 0m, 0, now, []);

        var page = RenderPage(typeof(PortalPage).Assembly.GetType(pageType, throwOnError: true)!);

        AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(page);
    }
}
