using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>Drives MudBlazor inputs the way a user does (open the list, click the item).</summary>
internal static class MudInteractions
{
    /// <summary>Opens the MudSelect carrying <paramref name="testId"/> and clicks the item whose text is <paramref name="option"/>.</summary>
    public static void Pick(this IRenderedComponent<ContainerFragment> page, string testId, string option)
    {
        OpenSelect(page, testId);
        page.WaitForAssertion(() => Assert.Contains(OpenItems(page), i => i.TextContent.Trim() == option));
        OpenItems(page).First(i => i.TextContent.Trim() == option).Click();
    }

    /// <summary>Opens the MudSelect carrying <paramref name="testId"/> and returns the texts of its items (it stays open).</summary>
    public static IReadOnlyList<string> Options(this IRenderedComponent<ContainerFragment> page, string testId)
    {
        OpenSelect(page, testId);
        return [.. OpenItems(page).Select(i => i.TextContent.Trim())];
    }

    /// <summary>The message MudBlazor shows under the input carrying <paramref name="testId"/> (its helper line when in error).</summary>
    public static string FieldError(this IRenderedComponent<ContainerFragment> page, string testId, int index = 0)
    {
        var input = page.FindAll($"[data-testid='{testId}']")[index];
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not inside a MudBlazor input.");
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? string.Empty;
    }

    private static void OpenSelect(IRenderedComponent<ContainerFragment> page, string testId)
    {
        var control = page.Find($"[data-testid='{testId}']").Closest(".mud-input-control.mud-select")
            ?? throw new InvalidOperationException($"{testId} is not inside a MudSelect.");
        control.MouseDown();
    }

    private static IEnumerable<IElement> OpenItems(IRenderedComponent<ContainerFragment> page) =>
        page.FindAll(".mud-popover-open .mud-list-item");
}
