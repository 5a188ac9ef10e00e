using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Portal.Components.Pages.Invitations;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Invitations;

public sealed class InvitePageTests : PortalTestContext
{
    [Fact]
    public void Render_ValidLink_ShowsOrganisationEmailAndPolicy()
    {
        var context = new StaticPageContext();
        Api.Preview = Api.Preview with { PasswordMinLength = 16 };

        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        var summary = page.Find("[data-testid=invite-summary]").TextContent;
        Assert.Contains("Acme", summary, StringComparison.Ordinal);
        Assert.Contains("new@acme.test", summary, StringComparison.Ordinal);
        Assert.Contains("16 characters", summary, StringComparison.Ordinal);
        Assert.Equal("new-password", page.Find("#invite-password").GetAttribute("autocomplete"));
    }

    [Fact]
    public void Render_UsedLink_ShowsTheReasonAndNoForm()
    {
        Api.Failures[nameof(IControlPlaneClient.GetInvitationAsync)] = FakeControlPlaneClient.Problem("This invitation link was already used.", HttpStatusCode.Gone);
        var context = new StaticPageContext();

        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        Assert.Equal("This invitation link was already used.", page.Find("[data-testid=invite-invalid]").TextContent);
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public void Submit_PasswordsDiffer_ErrorAndNoCall()
    {
        var context = new StaticPageContext("POST");
        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        page.Find("#invite-password").Change("correct-horse-battery");
        page.Find("#invite-confirm").Change("correct-horse-battery!");
        page.Find("form").Submit();

        Assert.Equal("The two passwords differ.", page.Find("[data-testid=invite-error]").TextContent);
        Assert.Empty(Api.Acceptances);
    }

    [Fact]
    public void Submit_Valid_AcceptsSignsInAndGoesHome()
    {
        var context = new StaticPageContext("POST");
        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        page.Find("#invite-password").Change("correct-horse-battery");
        page.Find("#invite-confirm").Change("correct-horse-battery");
        page.Find("form").Submit();

        Assert.Equal(("syi_t", new AcceptInvitationRequest("correct-horse-battery")), Api.Acceptances.Single());
        Assert.Single(context.Authentication.SignIns);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Submit_TenantRequiresTotp_GoesToEnrolmentWithoutSession()
    {
        Api.InvitationStep = new SignInStepDto(SignInSteps.TotpEnrolment, "enrol-challenge", FakeControlPlaneClient.Now.AddMinutes(10));
        var context = new StaticPageContext("POST");
        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        page.Find("#invite-password").Change("correct-horse-battery");
        page.Find("#invite-confirm").Change("correct-horse-battery");
        page.Find("form").Submit();

        Assert.Empty(context.Authentication.SignIns);
        Assert.Equal("http://localhost/account/enrol-totp", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains(context.SetCookies, c => c.StartsWith(".Switchyard.SignInStep=totp-enrolment%7Cenrol-challenge", StringComparison.Ordinal));
    }

    [Fact]
    public void Submit_PolicyRefusesPassword_ShowsTheFieldError()
    {
        Api.Failures[nameof(IControlPlaneClient.AcceptInvitationAsync)] = new ControlPlaneException(
            HttpStatusCode.BadRequest, "Invalid", fieldErrors: new Dictionary<string, string[]> { ["password"] = ["Passwords must be at least 20 characters."] });
        var context = new StaticPageContext("POST");
        var page = Render<Switchyard.Portal.Components.Pages.Invitations.Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(context.Http));

        page.Find("#invite-password").Change("correct-horse-battery");
        page.Find("#invite-confirm").Change("correct-horse-battery");
        page.Find("form").Submit();

        Assert.Equal("Passwords must be at least 20 characters.", page.Find("[data-testid=invite-error]").TextContent);
        Assert.Equal("", page.Find("#invite-password").GetAttribute("value") ?? "");
    }
}
