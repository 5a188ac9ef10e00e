using Bunit;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using SecurityPage = Switchyard.Portal.Components.Pages.Security.Security;

namespace Switchyard.Portal.Tests.Components.Pages.Security;

public sealed class SecurityPageTests : PortalTestContext
{
    [Fact]
    public void Enrol_StartThenCode_ShowsQrThenRecoveryCodes()
    {
        SignIn();
        var page = RenderPage<SecurityPage>();

        page.WaitForElement("[data-testid=totp-start]").Click();
        page.WaitForElement("img[data-testid=authenticator-qr]");
        Assert.Equal(FakeControlPlaneClient.AuthenticatorUri, page.Find("[data-testid=authenticator-uri]").TextContent);
        page.Find("#totp-confirm-code").Change("123456");
        page.Find("[data-testid=totp-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("aaaa2-bbbb2", page.Find("[data-testid=recovery-codes]").TextContent, StringComparison.Ordinal));
        Assert.Equal("123456", Api.TotpCodes.Single());
        Assert.NotNull(page.Find("[data-testid=copy-recovery-codes]"));
        Assert.NotNull(page.Find("[data-testid=totp-on]"));
    }

    [Fact]
    public void Enrol_WrongCode_ShowsErrorAndStaysOff()
    {
        SignIn();
        Api.Failures[nameof(Switchyard.Portal.Services.IControlPlaneClient.ConfirmTotpEnrolmentAsync)] = FakeControlPlaneClient.Problem("The code is not valid.");
        var page = RenderPage<SecurityPage>();

        page.WaitForElement("[data-testid=totp-start]").Click();
        page.WaitForElement("#totp-confirm-code").Change("000000");
        page.Find("[data-testid=totp-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("The code is not valid.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=recovery-codes]"));
        Assert.NotNull(page.Find("[data-testid=totp-off]"));
    }

    [Fact]
    public void Disable_WithCode_SendsCodeAndShowsOff()
    {
        SignIn();
        Api.TotpStatus = new TotpStatusDto(true, 8, false);
        var page = RenderPage<SecurityPage>();

        page.WaitForElement("#totp-code").Change("222333");
        page.Find("[data-testid=totp-disable]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=totp-off]")));
        Assert.Equal("222333", Api.TotpCodes.Single());
    }

    [Fact]
    public void Render_RequiredByTenant_NoTurnOff()
    {
        SignIn();
        Api.TotpStatus = new TotpStatusDto(true, 10, true);

        var page = RenderPage<SecurityPage>();

        page.WaitForElement("[data-testid=totp-regenerate]");
        Assert.Empty(page.FindAll("[data-testid=totp-disable]"));
    }

    [Fact]
    public void Regenerate_WithCode_ShowsNewCodes()
    {
        SignIn();
        Api.TotpStatus = new TotpStatusDto(true, 1, false);
        var page = RenderPage<SecurityPage>();

        page.WaitForElement("#totp-code").Change("444555");
        page.Find("[data-testid=totp-regenerate]").Click();

        page.WaitForAssertion(() => Assert.Contains("aaaa1-bbbb1", page.Find("[data-testid=recovery-codes]").TextContent, StringComparison.Ordinal));
        Assert.Equal("444555", Api.TotpCodes.Single());
    }
}
