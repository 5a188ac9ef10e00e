using System.Net;
using Bunit;
using Bunit.Rendering;
using Switchyard.Portal.Components.Pages.Routing;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Tests.Components.Pages.Routing;

/// <summary>The route editor as a tenant admin uses it from the Models &amp; routes page.</summary>
public sealed class RouteEditorDialogTests : PortalTestContext
{
    public RouteEditorDialogTests()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddRoute("claude-sonnet", FakeControlPlaneClient.Deployment(ProviderKinds.Mock, "mock-claude"));
        Api.AddRoute("gemini-pro", FakeControlPlaneClient.Deployment(ProviderKinds.Mock, "mock-gemini"));
    }

    [Fact]
    public void Save_TwoDeploymentsStrategyAndFallback_PostsThatRouteRequest()
    {
        var page = OpenNewRoute();
        page.Find("input[data-testid=route-public-model]").Input("gpt-4o");
        page.Find("[data-testid=strategy-priority]").Click();
        page.Find("input[data-testid=deployment-model]").Input("mock-a");
        page.Find("[data-testid=add-deployment]").Click();
        page.FindAll("input[data-testid=deployment-model]")[1].Input("mock-b");
        page.FindAll("input[data-testid=deployment-priority]")[1].Input("1");
        page.Pick("fallbacks-add", "gemini-pro");
        page.Pick("fallbacks-add", "claude-sonnet");

        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.RouteRequests));
        var request = Api.RouteRequests[0];
        Assert.Equal("gpt-4o", request.PublicModel);
        Assert.Equal(RoutingStrategies.Priority, request.Strategy);
        Assert.Equal(["mock-a", "mock-b"], request.Deployments.Select(d => d.UpstreamModel));
        Assert.All(request.Deployments, d => Assert.Equal(ProviderKinds.Mock, d.ProviderKind));
        Assert.Equal([0, 1], request.Deployments.Select(d => d.Priority));
        Assert.Equal(["gemini-pro", "claude-sonnet"], request.Fallbacks);
        Assert.Null(request.ContextWindowFallbacks);
        Assert.Null(request.Retry);
        Assert.Null(request.Timeouts);
        Assert.Null(request.Breaker);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=route-model]"), c => c.TextContent.Trim() == "gpt-4o"));
    }

    [Fact]
    public void Save_DeploymentMovedDownAndOneRemoved_PostsTheNewOrder()
    {
        var page = OpenNewRoute();
        page.Find("input[data-testid=route-public-model]").Input("gpt-4o");
        page.Find("[data-testid=add-deployment]").Click();
        page.Find("[data-testid=add-deployment]").Click();
        var models = page.FindAll("input[data-testid=deployment-model]");
        models[0].Input("first");
        models[1].Input("second");
        models[2].Input("third");

        page.FindAll("[data-testid=deployment-down]")[0].Click();
        page.FindAll("[data-testid=deployment-remove]")[2].Click();
        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.RouteRequests));
        var request = Api.RouteRequests[0];
        Assert.Equal(["second", "first"], request.Deployments.Select(d => d.UpstreamModel));
    }

    [Fact]
    public void Save_EmptyUpstreamModel_ShowsRuleMessageAtTheFieldAndPostsNothing()
    {
        var page = OpenNewRoute();
        page.Find("input[data-testid=route-public-model]").Input("gpt-4o");

        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("The upstreamModel field is required.", page.FieldError("deployment-model")));
        Assert.Empty(Api.RouteRequests);
        Assert.Contains("need attention", page.Find("[data-testid=error-alert]").TextContent);
    }

    [Fact]
    public void Save_RetryOutOfRange_ShowsTheSharedRuleMessageAtTheField()
    {
        var route = Api.Routes[0];
        var page = RenderPage<ModelRoutes>();
        page.WaitForElement("[data-testid=route-edit]").Click();
        page.WaitForElement("[data-testid=advanced-panel] .mud-expand-panel-header").Click();
        page.WaitForElement("input[data-testid=retry-maxAttempts]").Input("11");

        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            $"The retry.maxAttempts field must be between 1 and {RouteResilienceRules.MaxAttempts}.", page.FieldError("retry-maxAttempts")));
        Assert.Equal(route.PublicModel, page.Find("input[data-testid=route-public-model]").GetAttribute("value"));
        Assert.DoesNotContain(nameof(Api.UpdateRouteAsync), Api.Calls);
    }

    [Fact]
    public void Save_ServerNamesAField_ShowsItsMessageAtThatField()
    {
        const string message = "The baseUrl field names a destination the platform's egress policy does not allow: loopback.";
        Api.Failures[nameof(Api.CreateRouteAsync)] = new ControlPlaneException(
            HttpStatusCode.BadRequest, "One or more fields are invalid. " + message,
            fieldErrors: new Dictionary<string, string[]> { ["deployments[1].baseUrl"] = [message] });
        var page = OpenNewRoute();
        page.Find("input[data-testid=route-public-model]").Input("gpt-4o");
        page.Find("input[data-testid=deployment-model]").Input("mock-a");
        page.Find("[data-testid=add-deployment]").Click();
        page.FindAll("input[data-testid=deployment-model]")[1].Input("mock-b");
        page.FindAll("input[data-testid=deployment-base-url]")[1].Input("http://127.0.0.1:9/v1");

        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(message, page.FieldError("deployment-base-url", index: 1)));
        Assert.Equal(string.Empty, page.FieldError("deployment-base-url", index: 0));
        Assert.Contains(message, page.Find("[data-testid=error-alert]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=route-save]"));
    }

    [Fact]
    public void Edit_ChangeStrategy_PutsTheRouteKeepingItsSettingsAndFallbacks()
    {
        var stored = Api.Routes[0] with
        {
            Strategy = RoutingStrategies.Weighted,
            Fallbacks = ["gemini-pro"],
            Deployments =
            [
                new DeploymentDto(Guid.NewGuid(), ProviderKinds.Bedrock, "anthropic.claude-3-5-sonnet", null, null, 3,
                    new Dictionary<string, string> { ["region"] = "eu-west-1" }),
            ],
        };
        Api.Routes[0] = stored;
        var page = RenderPage<ModelRoutes>();
        page.WaitForElement("[data-testid=route-edit]").Click();

        page.WaitForElement("[data-testid=strategy-latency]").Click();
        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.RouteRequests));
        var request = Api.RouteRequests[0];
        Assert.Contains(nameof(Api.UpdateRouteAsync), Api.Calls);
        Assert.Equal(RoutingStrategies.Latency, request.Strategy);
        Assert.Equal(["gemini-pro"], request.Fallbacks);
        var deployment = Assert.Single(request.Deployments);
        Assert.Equal("eu-west-1", deployment.Settings!["region"]);
        Assert.Equal(3, deployment.Weight);
    }

    [Fact]
    public void Save_BedrockWithoutRegion_AsksForTheRegionSettingThenSendsIt()
    {
        var page = OpenNewRoute();
        page.Find("input[data-testid=route-public-model]").Input("claude");
        page.Pick("deployment-kind", ProviderKinds.Bedrock);
        page.Find("input[data-testid=deployment-model]").Input("anthropic.claude-3-5-sonnet");

        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("region", page.FieldError("deployment-setting-region")));
        Assert.Empty(Api.RouteRequests);

        page.Find("input[data-testid=deployment-setting-region]").Input("eu-west-1");
        page.Find("[data-testid=route-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.RouteRequests));
        var deployment = Assert.Single(Api.RouteRequests[0].Deployments);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu-west-1" }, deployment.Settings);
    }

    [Fact]
    public void CredentialList_OffersOnlyCredentialsTheKindCanUse()
    {
        Api.AddCredential("openai-prod", ProviderKinds.OpenAI);
        Api.AddCredential("groq-shared", ProviderKinds.Groq);
        Api.AddCredential("anthropic-prod", ProviderKinds.Anthropic);
        var page = OpenNewRoute();

        page.Pick("deployment-kind", ProviderKinds.OpenAI);

        page.WaitForAssertion(() => Assert.Equal(
            ["groq-shared (groq)", "openai-prod (openai)"], page.Options("deployment-credential").Order()));
    }

    [Fact]
    public void UpstreamModel_Entered_ShowsTheCatalogCapabilities()
    {
        var page = OpenNewRoute();
        page.Pick("deployment-kind", ProviderKinds.OpenAI);

        var model = page.Find("input[data-testid=deployment-model]");
        model.Input("gpt-4o-mini");
        model.Blur();

        page.WaitForAssertion(() => Assert.Contains("Catalog (gpt-4o)", page.Find("[data-testid=model-catalog-source]").TextContent));
        var capabilities = page.Find("[data-testid=model-capabilities]");
        Assert.Contains("context 128,000", capabilities.TextContent);
        Assert.Equal("true", capabilities.QuerySelectorAll("[data-testid=capability]").First(c => c.TextContent.Contains("vision")).GetAttribute("data-enabled"));
        Assert.Equal("false", capabilities.QuerySelectorAll("[data-testid=capability]").First(c => c.TextContent.Contains("embeddings")).GetAttribute("data-enabled"));
    }

    private IRenderedComponent<ContainerFragment> OpenNewRoute()
    {
        var page = RenderPage<ModelRoutes>();
        page.WaitForElement("[data-testid=new-route]").Click();
        page.WaitForElement("[data-testid=route-editor]");
        return page;
    }
}
