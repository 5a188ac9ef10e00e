using System.Net;
using Bunit;
using Switchyard.Portal.Components.Pages.Settings;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Settings;

public sealed class ScimSettingsPageTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ShowsBaseUrlAndTokens()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddScimToken("Entra ID");
        Api.AddScimToken("Old Okta", revoked: true);

        var page = RenderPage<ScimSettings>();

        page.WaitForAssertion(() => Assert.Equal(
            ["Entra ID", "Old Okta"], page.FindAll("[data-testid=scim-token-name-cell]").Select(c => c.TextContent.Trim())));
        Assert.Equal("https://switchyard.example.com/scim/v2", page.Find("input#scim-base-url").GetAttribute("value"));
        Assert.Equal(["Active", "Revoked"], page.FindAll("[data-testid=scim-token-status]").Select(c => c.TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=revoke-scim-token]"));
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Render_Developer_NoSettingsAndNoCall()
    {
        SignIn(MemberRole.Developer);

        var page = RenderPage<ScimSettings>();

        page.WaitForElement("[data-testid=scim-admins-only]");
        Assert.DoesNotContain(nameof(Api.GetScimSettingsAsync), Api.Calls);
        Assert.Empty(page.FindAll("[data-testid=scim-base-url]"));
    }

    [Fact]
    public void Create_Named_SecretShownOnceWithCopyAndGoneWhenDismissed()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ScimSettings>();

        page.WaitForElement("input[data-testid=scim-token-name]").Input("Okta");
        page.Find("[data-testid=create-scim-token]").Click();

        page.WaitForAssertion(() => Assert.Equal("sy-scim-new1-the-whole-secret", page.Find("input#scim-secret").GetAttribute("value")));
        Assert.Equal(new CreateScimTokenRequest("Okta"), Api.CreatedScimTokenRequests.Single());
        Assert.NotEmpty(page.FindAll("[data-testid=copy-scim-secret]"));
        Assert.Equal("Okta", page.Find("[data-testid=scim-token-name-cell]").TextContent.Trim());

        page.Find("[data-testid=dismiss-scim-secret]").Click();

        Assert.Empty(page.FindAll("[data-testid=scim-secret-panel]"));
        Assert.DoesNotContain("the-whole-secret", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmptyName_ButtonDisabled()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ScimSettings>();

        var create = page.WaitForElement("[data-testid=create-scim-token]");

        Assert.True(create.HasAttribute("disabled"));
    }

    [Fact]
    public void Revoke_Confirmed_RowShowsRevokedAndNoRevokeButton()
    {
        SignIn(MemberRole.TenantAdmin);
        var token = Api.AddScimToken("Entra ID");
        var page = RenderPage<ScimSettings>();

        page.WaitForElement("[data-testid=revoke-scim-token]").Click();
        page.WaitForElement("[data-testid=revoke-scim-token-dialog-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=scim-token-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=revoke-scim-token]"));
        Assert.NotNull(Api.ScimTokens.Single(t => t.Id == token.Id).RevokedAt);
    }

    [Fact]
    public void Create_ApiRefuses_ShowsErrorAndNoSecret()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.CreateScimTokenAsync)] = FakeControlPlaneClient.Problem("The name field is required.", HttpStatusCode.BadRequest);
        var page = RenderPage<ScimSettings>();

        page.WaitForElement("input[data-testid=scim-token-name]").Input("x");
        page.Find("[data-testid=create-scim-token]").Click();

        page.WaitForAssertion(() => Assert.Contains("The name field is required.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=scim-secret-panel]"));
    }

    [Fact]
    public void Render_TenantAdmin_EveryInputHasALabel()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddScimToken("Entra ID");

        var page = RenderPage<ScimSettings>();

        page.WaitForElement("[data-testid=scim-token-row]");
        var labelled = page.FindAll("label[for]").Select(l => l.GetAttribute("for")).ToHashSet();
        Assert.All(page.FindAll("input"), input => Assert.Contains(input.Id, labelled));
    }
}
