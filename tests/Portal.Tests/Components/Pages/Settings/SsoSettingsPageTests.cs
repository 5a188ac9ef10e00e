using System.Net;
using Bunit;
using Switchyard.Portal.Components.Pages.Settings;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Settings;

public sealed class SsoSettingsPageTests : PortalTestContext
{
    [Fact]
    public void Render_NoSsoYet_EmptyFormAndNotSetUp()
    {
        SignIn(MemberRole.TenantAdmin);

        var page = RenderPage<SsoSettings>();

        page.WaitForAssertion(() => Assert.Contains("not set up", page.Find("[data-testid=sso-status]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=sso-redirect-uri]"));
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Render_Configured_ShowsSettingsRedirectUriAndNoSecret()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        Api.Sso = new SsoConfigDto(FakeControlPlaneClient.TenantId, "https://idp.acme.test", "client-1", true, ["acme.test", "acme.org"],
            ["openid", "email"], "groups", MemberRole.Developer, [new SsoMappingDto("eng", MemberRole.Developer, team.Id, TeamRole.TeamAdmin)], true,
            "http://portal.test/api/auth/sso/x/callback", FakeControlPlaneClient.Now);

        var page = RenderPage<SsoSettings>();

        page.WaitForAssertion(() => Assert.Equal("http://portal.test/api/auth/sso/x/callback", page.Find("[data-testid=sso-redirect-uri]").TextContent.Trim()));
        Assert.Equal("https://idp.acme.test", page.Find("input[data-testid=sso-issuer]").GetAttribute("value"));
        Assert.Equal("acme.test, acme.org", page.Find("input[data-testid=sso-domains]").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.Find("input[data-testid=sso-client-secret]").GetAttribute("value")));
        Assert.Contains("SSO only", page.Find("[data-testid=sso-status]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=sso-mapping]"));
    }

    [Fact]
    public void Save_FilledForm_SendsRequestWithListsSplitAndSecret()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<SsoSettings>();

        page.WaitForElement("input[data-testid=sso-issuer]").Change("https://idp.acme.test");
        page.Find("input[data-testid=sso-client-id]").Change("client-1");
        page.Find("input[data-testid=sso-client-secret]").Change("s3cret");
        page.Find("input[data-testid=sso-domains]").Change("acme.test, acme.org");
        page.Find("[data-testid=sso-add-mapping]").Click();
        page.WaitForElement("input[data-testid=sso-mapping-value]").Change("eng");
        page.Find("[data-testid=sso-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.SsoRequests));
        var request = Api.SsoRequests.Single();
        Assert.Equal(("https://idp.acme.test", "client-1", "s3cret"), (request.Issuer, request.ClientId, request.ClientSecret));
        Assert.Equal(["acme.test", "acme.org"], request.AllowedDomains);
        Assert.Equal(["openid", "profile", "email"], request.Scopes);
        Assert.Equal("eng", Assert.Single(request.Mappings!).Value);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sso-redirect-uri]")));
    }

    [Fact]
    public void Save_ServerNamesAField_ErrorShownAtThatField()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(IControlPlaneClient.SaveSsoAsync)] = new ControlPlaneException(HttpStatusCode.BadRequest, "The domain acme.test is already used.",
            fieldErrors: new Dictionary<string, string[]> { ["allowedDomains[0]"] = ["The domain acme.test is already used."] });
        var page = RenderPage<SsoSettings>();

        page.WaitForElement("[data-testid=sso-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("already used", page.Find("[data-testid=sso-form]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Developer_AdminsOnlyMessageAndNoCall()
    {
        SignIn(MemberRole.Developer);

        var page = RenderPage<SsoSettings>();

        page.WaitForElement("[data-testid=sso-admins-only]");
        Assert.DoesNotContain(nameof(IControlPlaneClient.GetSsoAsync), Api.Calls);
    }
}
