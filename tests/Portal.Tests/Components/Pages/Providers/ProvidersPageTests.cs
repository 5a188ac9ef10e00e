using System.Net;
using Bunit;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using ProvidersPage = Switchyard.Portal.Components.Pages.Providers.Providers;

namespace Switchyard.Portal.Tests.Components.Pages.Providers;

public sealed class ProvidersPageTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ListsCredentialsWithTheirHint()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddCredential("openai-prod", ProviderKinds.OpenAI);
        Api.AddCredential("anthropic-prod", ProviderKinds.Anthropic);

        var page = RenderPage<ProvidersPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["anthropic-prod", "openai-prod"], page.FindAll("[data-testid=credential-name]").Select(c => c.TextContent.Trim())));
        Assert.Equal(["anthropic", "openai"], page.FindAll("[data-testid=credential-kind]").Select(c => c.TextContent.Trim()));
        Assert.All(page.FindAll("[data-testid=credential-hint]"), c => Assert.Equal("…abcd", c.TextContent.Trim()));
    }

    [Fact]
    public void Add_Valid_PostsTheSecretOnceAndNeverShowsIt()
    {
        SignIn(MemberRole.TenantAdmin);
        const string secret = "sk-live-0123456789abcdef";
        var page = RenderPage<ProvidersPage>();
        page.WaitForElement("input[data-testid=credential-name-input]").Input("openai-prod");
        var secretInput = page.Find("input[data-testid=credential-secret-input]");
        Assert.Equal("password", secretInput.GetAttribute("type"));

        secretInput.Input(secret);
        page.Find("[data-testid=credential-add]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.CredentialRequests));
        var request = Api.CredentialRequests[0];
        Assert.Equal(new CreateCredentialRequest("openai-prod", ProviderKinds.OpenAI, secret), request);
        page.WaitForAssertion(() => Assert.Equal("openai-prod", page.Find("[data-testid=credential-name]").TextContent.Trim()));
        Assert.DoesNotContain(secret, page.Markup);
    }

    [Fact]
    public void Add_EmptySecret_ShowsTheRuleMessageAtTheFieldAndPostsNothing()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ProvidersPage>();
        page.WaitForElement("input[data-testid=credential-name-input]").Input("openai-prod");

        page.Find("[data-testid=credential-add]").Click();

        page.WaitForAssertion(() => Assert.Equal("The secret field is required.", page.FieldError("credential-secret-input")));
        Assert.Empty(Api.CredentialRequests);
    }

    [Fact]
    public void Add_ServerRejectsTheSecret_ShowsItsMessageAtTheSecretField()
    {
        SignIn(MemberRole.TenantAdmin);
        const string message = "A bedrock secret must be 'ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]'.";
        Api.Failures[nameof(Api.CreateCredentialAsync)] = new ControlPlaneException(HttpStatusCode.BadRequest, message,
            fieldErrors: new Dictionary<string, string[]> { ["secret"] = [message] });
        var page = RenderPage<ProvidersPage>();
        page.WaitForElement("input[data-testid=credential-name-input]").Input("aws");
        page.Find("input[data-testid=credential-secret-input]").Input("not-a-key");

        page.Find("[data-testid=credential-add]").Click();

        page.WaitForAssertion(() => Assert.Equal(message, page.FieldError("credential-secret-input")));
        Assert.Equal(string.Empty, page.FieldError("credential-name-input"));
    }

    [Fact]
    public void Delete_UsedByARoute_ShowsTheServersMessageAndKeepsTheRow()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddCredential("openai-prod", ProviderKinds.OpenAI);
        const string message = "The credential is used by a route; change or delete the route first.";
        Api.Failures[nameof(Api.DeleteCredentialAsync)] = FakeControlPlaneClient.Problem(message, HttpStatusCode.Conflict);
        var page = RenderPage<ProvidersPage>();

        page.WaitForElement("[data-testid=credential-delete]").Click();
        page.WaitForElement("[data-testid=delete-credential-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(message, page.Find("[data-testid=error-alert]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=credential-name]"));
    }

    [Fact]
    public void Delete_Confirmed_RemovesTheRow()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddCredential("openai-prod", ProviderKinds.OpenAI);
        var page = RenderPage<ProvidersPage>();

        page.WaitForElement("[data-testid=credential-delete]").Click();
        page.WaitForElement("[data-testid=delete-credential-confirm]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=credential-name]")));
        Assert.Empty(Api.Credentials);
    }

    [Theory]
    [InlineData(MemberRole.Developer)]
    [InlineData(MemberRole.Finance)]
    public void Render_NotTenantAdmin_SaysAdminsOnlyAndCallsNothing(MemberRole role)
    {
        SignIn(role);

        var page = RenderPage<ProvidersPage>();

        page.WaitForElement("[data-testid=providers-admins-only]");
        Assert.DoesNotContain(nameof(Api.GetCredentialsAsync), Api.Calls);
        Assert.Empty(page.FindAll("[data-testid=credential-add]"));
    }
}
