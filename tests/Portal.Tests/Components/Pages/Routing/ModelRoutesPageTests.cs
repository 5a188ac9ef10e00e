using System.Net;
using Bunit;
using Switchyard.Portal.Components.Pages.Routing;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Tests.Components.Pages.Routing;

public sealed class ModelRoutesPageTests : PortalTestContext
{
    private readonly RouteDto _claude;

    public ModelRoutesPageTests()
    {
        _claude = Api.AddRoute("claude-sonnet", FakeControlPlaneClient.Deployment(ProviderKinds.Anthropic, "claude-sonnet-4"));
        var gpt = Api.AddRoute("gpt-4o",
            FakeControlPlaneClient.Deployment(ProviderKinds.OpenAI, "gpt-4o"),
            FakeControlPlaneClient.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o"));
        Api.Routes[1] = gpt with { Strategy = RoutingStrategies.Cost, Sticky = true, Fallbacks = ["claude-sonnet"] };
    }

    [Fact]
    public void Render_ListsRoutesWithStrategyDeploymentCountAndFallbacks()
    {
        SignIn(MemberRole.TenantAdmin);

        var page = RenderPage<ModelRoutes>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=route-model]").Count));
        Assert.Equal(["claude-sonnet", "gpt-4o"], page.FindAll("[data-testid=route-model]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["1", "2"], page.FindAll("[data-testid=route-deployment-count]").Select(c => c.TextContent.Trim()));
        Assert.Equal("cost · sticky", page.FindAll("[data-testid=route-strategy]")[1].TextContent.Trim());
        Assert.Contains("claude-sonnet", page.FindAll("[data-testid=route-fallbacks]")[1].TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=route-edit]"));
    }

    [Fact]
    public void Render_Developer_ReadsWithoutEditingAndNeverAsksForCredentials()
    {
        SignIn(MemberRole.Developer);

        var page = RenderPage<ModelRoutes>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=route-model]").Count));
        Assert.Empty(page.FindAll("[data-testid=new-route]"));
        Assert.Empty(page.FindAll("[data-testid=route-edit]"));
        Assert.Empty(page.FindAll("[data-testid=route-delete]"));
        Assert.DoesNotContain(nameof(Api.GetCredentialsAsync), Api.Calls);
        Assert.NotEmpty(page.FindAll("[data-testid=route-health]"));
    }

    [Fact]
    public void Delete_RouteUsedAsFallback_ShowsTheServersMessageAndKeepsTheRow()
    {
        SignIn(MemberRole.TenantAdmin);
        const string message = "The route is a fallback of 'gpt-4o'; remove it there first.";
        Api.Failures[nameof(Api.DeleteRouteAsync)] = FakeControlPlaneClient.Problem(message, HttpStatusCode.Conflict);
        var page = RenderPage<ModelRoutes>();

        page.WaitForElement("[data-testid=route-delete]").Click();
        page.WaitForElement("[data-testid=delete-route-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(message, page.Find("[data-testid=error-alert]").TextContent.Trim()));
        Assert.Equal(2, page.FindAll("[data-testid=route-model]").Count);
    }

    [Fact]
    public void Delete_Confirmed_RemovesTheRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ModelRoutes>();

        page.WaitForElement("[data-testid=route-delete]").Click();
        page.WaitForElement("[data-testid=delete-route-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(["gpt-4o"], page.FindAll("[data-testid=route-model]").Select(c => c.TextContent.Trim())));
        Assert.DoesNotContain(Api.Routes, r => r.Id == _claude.Id);
    }

    [Fact]
    public void Delete_Cancelled_CallsNothing()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<ModelRoutes>();

        page.WaitForElement("[data-testid=route-delete]").Click();
        page.WaitForElement("[data-testid=delete-route-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=delete-route-confirm]")));
        Assert.DoesNotContain(nameof(Api.DeleteRouteAsync), Api.Calls);
        Assert.Equal(2, page.FindAll("[data-testid=route-model]").Count);
    }

    [Fact]
    public void Health_Clicked_ShowsThatRoutesHealthPanel()
    {
        SignIn(MemberRole.Developer);
        var page = RenderPage<ModelRoutes>();

        page.WaitForElement("[data-testid=route-health]").Click();

        page.WaitForAssertion(() => Assert.Equal("claude-sonnet", page.Find("[data-testid=route-health-model]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=route-health-empty]")));
    }
}
