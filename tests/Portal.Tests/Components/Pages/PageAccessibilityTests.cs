using AngleSharp.Dom;
using Bunit;
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

        page.WaitForAssertion(() => Assert.Single(page.FindAll("h1")));
        var labelled = page.FindAll("label[for]").Select(l => l.GetAttribute("for")).ToHashSet(StringComparer.Ordinal);
        var unlabelled = page.FindAll("input, textarea, select")
            .Where(i => i.GetAttribute("type") != "hidden" && !i.HasAttribute("hidden"))
            .Where(i => !labelled.Contains(i.Id ?? "") && !HasAccessibleName(i) && i.Closest("label") is null)
            .Select(i => i.OuterHtml);
        Assert.Empty(unlabelled);
        // MudForm's hidden default submit button (display: none, aria-hidden) is read by no one.
        var unnamed = page.FindAll("button, a.mud-icon-button")
            .Where(b => b.Closest("[aria-hidden=true]") is null)
            .Where(b => string.IsNullOrWhiteSpace(b.TextContent) && !HasAccessibleName(b))
            .Select(b => b.OuterHtml);
        Assert.Empty(unnamed);
    }

    private static bool HasAccessibleName(IElement element) =>
        !string.IsNullOrWhiteSpace(element.GetAttribute("aria-label")) || !string.IsNullOrWhiteSpace(element.GetAttribute("aria-labelledby"));
}
