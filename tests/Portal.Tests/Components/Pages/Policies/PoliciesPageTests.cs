using System.Net;
using Bunit;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Governance;
using PoliciesPage = Switchyard.Portal.Components.Pages.Policies.Policies;

namespace Switchyard.Portal.Tests.Components.Pages.Policies;

public sealed class PoliciesPageTests : PortalTestContext
{
    [Fact]
    public void Render_Member_ListsPoliciesWithTheirRulesAndNoEditor()
    {
        SignIn(MemberRole.Developer);
        Api.AddPolicy("pii", new PolicyRequest("pii", Dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Redact)]));
        Api.AddPolicy("codenames", new PolicyRequest("codenames", Guardrails: [new GuardrailRule(GuardrailTypes.BannedTerms, Terms: ["x"])]));

        var page = RenderPage<PoliciesPage>();

        page.WaitForAssertion(() => Assert.Equal(["codenames", "pii"], page.FindAll("[data-testid=policy-name]").Select(c => c.TextContent.Trim())));
        Assert.Contains("email: redact", page.Markup, StringComparison.Ordinal);
        Assert.Contains("banned_terms: block", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=policy-save]"));
    }

    [Fact]
    public void Save_TenantAdminNewPolicy_PostsTheJsonBody()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("textarea[data-testid=policy-json]").Change(
            """{"name":"pii","dlp":[{"detector":"email","action":"mask"}],"guardrails":[{"type":"prompt_injection","action":"log"}]}""");
        page.Find("[data-testid=policy-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.PolicyRequests));
        var request = Api.PolicyRequests[0];
        Assert.Equal("pii", request.Name);
        Assert.Equal(new DlpRule("email", "mask"), Assert.Single(request.Dlp!));
        Assert.Equal(GuardrailTypes.PromptInjection, Assert.Single(request.Guardrails!).Type);
        page.WaitForAssertion(() => Assert.Equal("pii", page.Find("[data-testid=policy-name]").TextContent.Trim()));
    }

    [Fact]
    public void Save_ServerNamesTheField_ShowsItAtTheEditor()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.CreatePolicyAsync)] = new ControlPlaneException(HttpStatusCode.BadRequest, "One or more fields are invalid.",
            fieldErrors: new Dictionary<string, string[]> { ["dlp[0].detector"] = ["The detector field must be one of: …"] });
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("textarea[data-testid=policy-json]").Change("""{"name":"p","dlp":[{"detector":"passport","action":"redact"}]}""");
        page.Find("[data-testid=policy-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("dlp[0].detector", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Save_NotJson_ShowsErrorAndPostsNothing()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("textarea[data-testid=policy-json]").Change("{ not json");
        page.Find("[data-testid=policy-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Not valid JSON", page.Markup, StringComparison.Ordinal));
        Assert.Empty(Api.PolicyRequests);
    }

    [Fact]
    public void Try_OpenPolicyAndRun_ShowsTheBlockAndFindings()
    {
        SignIn(MemberRole.Developer);
        Api.AddPolicy("codenames");
        Api.DryRunResult = new PolicyDryRunResult(true, "banned_terms", "The request was blocked by policy 'codenames', rule 'banned_terms' (term #1).", null,
            [new PolicyDryRunFinding("banned_terms", 1, "block")]);
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("[data-testid=policy-open]").Click();
        page.WaitForElement("textarea[data-testid=policy-try-text]").Change("about project falcon");
        page.Find("[data-testid=policy-try-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("rule 'banned_terms'", page.Find("[data-testid=policy-try-blocked]").TextContent, StringComparison.Ordinal));
        Assert.Equal(new PolicyDryRunRequest("about project falcon", "input"), Assert.Single(Api.DryRuns));
        Assert.Single(page.FindAll("[data-testid=policy-try-finding]"));
    }

    [Fact]
    public void Try_TenantAdminSwitchesExternalOn_RequestAsksExternalAndDetailShown()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddPolicy("corp");
        Api.DryRunResult = new PolicyDryRunResult(true, "corp-filter", "The request was blocked by policy 'corp', rule 'corp-filter'.", null,
            [new PolicyDryRunFinding("corp-filter", 1, "block", "mentions an address")]);
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("[data-testid=policy-open]").Click();
        page.WaitForElement("textarea[data-testid=policy-try-text]").Change("Ship it to Wayne Manor");
        page.Find("input[data-testid=policy-try-external]").Change(true);
        page.Find("[data-testid=policy-try-run]").Click();

        page.WaitForAssertion(() => Assert.Equal(new PolicyDryRunRequest("Ship it to Wayne Manor", "input", External: true), Assert.Single(Api.DryRuns)));
        page.WaitForAssertion(() => Assert.Contains("mentions an address", page.Find("[data-testid=policy-try-finding]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Try_TenantAdminLeavesExternalOff_RequestDoesNotAskExternal()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddPolicy("corp");
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("[data-testid=policy-open]").Click();
        page.WaitForElement("textarea[data-testid=policy-try-text]").Change("Ship it to Wayne Manor");
        page.Find("[data-testid=policy-try-run]").Click();

        page.WaitForAssertion(() => Assert.False(Assert.Single(Api.DryRuns).External));
    }

    [Fact]
    public void Try_Developer_NoExternalSwitch()
    {
        SignIn(MemberRole.Developer);
        Api.AddPolicy("corp");
        var page = RenderPage<PoliciesPage>();

        page.WaitForElement("[data-testid=policy-open]").Click();

        page.WaitForElement("textarea[data-testid=policy-try-text]");
        Assert.Empty(page.FindAll("[data-testid=policy-try-external]"));
    }
}
