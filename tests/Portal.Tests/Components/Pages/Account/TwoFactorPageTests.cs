using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Account;

public sealed class TwoFactorPageTests : PortalTestContext
{
    [Fact]
    public void Render_NoSignInStep_SaysExpiredWithoutForm()
    {
        var context = new StaticPageContext();

        var page = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(context.Http));

        Assert.NotNull(page.Find("[data-testid=two-factor-expired]"));
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public void Submit_SixDigits_SendsCodeWithChallengeSignsInAndGoesHome()
    {
        var context = new StaticPageContext("POST", "totp|the-challenge");
        var page = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(context.Http));

        page.Find("#two-factor-code").Change("123 456");
        page.Find("form").Submit();

        Assert.Equal(new TwoFactorLoginRequest("the-challenge", "123456", null), Api.TwoFactorRequests.Single());
        Assert.Equal(PortalClaims.Scheme, context.Authentication.SignIns.Single().Scheme);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Submit_RecoveryCode_SendsItAsRecoveryCode()
    {
        var context = new StaticPageContext("POST", "totp|the-challenge");
        var page = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(context.Http));

        page.Find("#two-factor-code").Change("ab12c-de34f");
        page.Find("form").Submit();

        Assert.Equal(new TwoFactorLoginRequest("the-challenge", null, "ab12c-de34f"), Api.TwoFactorRequests.Single());
    }

    [Fact]
    public void Submit_Refused_OneMessageEmptyFieldNoSession()
    {
        Api.Failures[nameof(IControlPlaneClient.CompleteTwoFactorLoginAsync)] = FakeControlPlaneClient.Problem("Wrong email or password.", HttpStatusCode.Unauthorized);
        var context = new StaticPageContext("POST", "totp|the-challenge");
        var page = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(context.Http));

        page.Find("#two-factor-code").Change("123456");
        page.Find("form").Submit();

        Assert.Contains("not valid or this sign-in has expired", page.Find("[data-testid=two-factor-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("", page.Find("#two-factor-code").GetAttribute("value") ?? "");
        Assert.Empty(context.Authentication.SignIns);
    }

    [Fact]
    public void Render_EnrolmentCookie_IsNotATotpStep()
    {
        var context = new StaticPageContext(stepCookie: "totp-enrolment|the-challenge");

        var page = Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(context.Http));

        Assert.NotNull(page.Find("[data-testid=two-factor-expired]"));
    }
}
