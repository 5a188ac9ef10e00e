using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Switchyard.Portal.Components.Pages;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Components.Pages.Invitations;
using Switchyard.Portal.Components.Shared;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;

namespace Switchyard.Portal.Tests.Components.Pages;

/// <summary>
/// The pages outside the signed-in walk (<see cref="PageAccessibilityTests"/>): sign-in, two-factor, authenticator
/// enrolment, the invitation link and not-found, each in the states a person meets, held to the same checks.
/// </summary>
public sealed class AccountPageAccessibilityTests : PortalTestContext
{
    public static TheoryData<string> States() =>
    [
        "login", "login failed", "two-factor", "enrol", "enrol recovery codes", "invite", "invite used", "not found",
    ];

    [Fact]
    public void States_EveryRoutablePageOutsideTheSignedInWalk_IsCovered()
    {
        var outside = typeof(PortalPage).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsSubclassOf(typeof(PortalPage)) && t.IsDefined(typeof(RouteAttribute), false))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["EnrolTotp", "Invite", "Login", "NotFound", "TwoFactor"], outside);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Render_State_OneH1LabelledInputsAndNamedIconButtons(string state)
    {
        switch (state)
        {
            case "login":
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(Render<Login>(p => p.AddCascadingValue<HttpContext>(new StaticPageContext().Http)));
                break;
            case "login failed":
                var login = Render<Login>(p => p.AddCascadingValue<HttpContext>(new StaticPageContext("POST").Http));
                login.Find("#login-email").Change("dev@acme.test");
                login.Find("#login-password").Change("wrong-password-123");
                Api.Failures[nameof(IControlPlaneClient.LoginAsync)] = FakeControlPlaneClient.Problem("Invalid email or password.", HttpStatusCode.Unauthorized);
                login.Find("form").Submit();
                login.WaitForAssertion(() => login.Find("[data-testid=login-error]"));
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(login);
                break;
            case "two-factor":
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(
                    Render<TwoFactor>(p => p.AddCascadingValue<HttpContext>(new StaticPageContext("GET", "totp|the-challenge").Http)));
                break;
            case "enrol":
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(
                    Render<EnrolTotp>(p => p.AddCascadingValue<HttpContext>(new StaticPageContext("GET", "totp-enrolment|first").Http)));
                break;
            case "enrol recovery codes":
                var enrol = Render<EnrolTotp>(p => p.AddCascadingValue<HttpContext>(new StaticPageContext("POST", "totp-enrolment|second").Http));
                enrol.Find("#enrol-code").Change("654321");
                enrol.Find("form").Submit();
                enrol.WaitForAssertion(() => enrol.Find("[data-testid=recovery-codes]"));
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(enrol);
                break;
            case "invite":
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(
                    Render<Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(new StaticPageContext().Http)));
                break;
            case "invite used":
                Api.Failures[nameof(IControlPlaneClient.GetInvitationAsync)] = FakeControlPlaneClient.Problem("This invitation link was already used.", HttpStatusCode.Gone);
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(
                    Render<Invite>(p => p.Add(x => x.Token, "syi_t").AddCascadingValue<HttpContext>(new StaticPageContext().Http)));
                break;
            case "not found":
                AccessibilityAssert.OneH1LabelledInputsAndNamedIconButtons(Render<NotFound>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }
}
