using AngleSharp.Dom;
using Bunit;
using Xunit;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>What a screen reader needs from every page: exactly one <c>h1</c>, a label on every input, a name on every icon button.</summary>
internal static class AccessibilityAssert
{
    public static void OneH1LabelledInputsAndNamedIconButtons<TComponent>(IRenderedComponent<TComponent> page)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
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
