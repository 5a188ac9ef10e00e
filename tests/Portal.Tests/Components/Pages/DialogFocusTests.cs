using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Switchyard.Portal.Components.Pages.Keys;
using Switchyard.Portal.Components.Pages.Routing;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

/// <summary>A dialog that opens puts the keyboard in its first field, so keyboard users need not tab through the page behind it.</summary>
public sealed class DialogFocusTests : PortalTestContext
{
    [Fact]
    public void CreateKeyDialog_Opened_FocusesTheNameField()
    {
        SignIn();
        Api.AddTeam("Search");
        var page = RenderPage<Keys>();

        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=create-key]").HasAttribute("disabled")));
        page.Find("[data-testid=create-key]").Click();

        AssertFocused(page, "input#key-name");
    }

    [Fact]
    public void EditKeyTagsDialog_Opened_FocusesTheTagsField()
    {
        SignIn();
        Api.AddKey(Api.AddTeam("Search"), "web", "sk-w");
        var page = RenderPage<Keys>();

        page.WaitForElement("[data-testid=edit-key-tags-button]").Click();

        AssertFocused(page, "input#edit-key-tags");
    }

    [Fact]
    public void RouteEditorDialog_Opened_FocusesThePublicModelField()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ModelRoutes>();

        page.WaitForElement("[data-testid=new-route]").Click();

        AssertFocused(page, "input#route-public-model");
    }

    /// <summary>The element was given focus through Blazor (ElementReference.FocusAsync), as MudBlazor's AutoFocus does.</summary>
    private void AssertFocused(IRenderedComponent<ContainerFragment> page, string selector)
    {
        var reference = page.WaitForElement(selector).GetAttribute("blazor:elementReference");
        Assert.False(string.IsNullOrEmpty(reference));
        page.WaitForAssertion(() => Assert.Contains(
            JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus"),
            i => i.Arguments.OfType<ElementReference>().Any(e => e.Id == reference)));
    }
}
