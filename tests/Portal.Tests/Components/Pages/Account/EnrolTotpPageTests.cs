using System.Net;
using Bunit;
using Microsoft.AspNetCore.Http;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Account;

public sealed class EnrolTotpPageTests : PortalTestContext
{
    [Fact]
    public void Render_EnrolmentStep_ShowsQrKeyAndStoresTheNewChallenge()
    {
        var context = new StaticPageContext("GET", "totp-enrolment|first");

        var page = Render<EnrolTotp>(p => p.AddCascadingValue<HttpContext>(context.Http));

        Assert.Equal("first", Api.EnrolmentRequests.Single().Challenge);
        Assert.StartsWith("data:image/png;base64,", page.Find("img[data-testid=authenticator-qr]").GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(FakeControlPlaneClient.SharedKey, page.Find("[data-testid=authenticator-key]").TextContent);
        Assert.Contains(context.SetCookies, c => c.StartsWith(".Switchyard.SignInStep=totp-enrolment%7Cfirst-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Submit_Code_ShowsRecoveryCodesAndSignsIn()
    {
        var context = new StaticPageContext("POST", "totp-enrolment|second");
        var page = Render<EnrolTotp>(p => p.AddCascadingValue<HttpContext>(context.Http));

        page.Find("#enrol-code").Change("654321");
        page.Find("form").Submit();

        Assert.Equal(new SignInEnrolmentRequest("second", "654321"), Api.EnrolmentRequests.Single());
        Assert.Contains("aaaa1-bbbb1", page.Find("[data-testid=recovery-codes]").TextContent, StringComparison.Ordinal);
        Assert.Single(context.Authentication.SignIns);
        Assert.Equal("/", page.Find("[data-testid=enrol-continue]").GetAttribute("href"));
    }

    [Fact]
    public void Render_ChallengeRefused_SaysExpired()
    {
        Api.Failures[nameof(IControlPlaneClient.StartSignInEnrolmentAsync)] = FakeControlPlaneClient.Problem("x", HttpStatusCode.Unauthorized);
        var context = new StaticPageContext("GET", "totp-enrolment|old");

        var page = Render<EnrolTotp>(p => p.AddCascadingValue<HttpContext>(context.Http));

        Assert.Contains("expired", page.Find("[data-testid=enrol-expired]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("form"));
    }
}
