using Bunit;
using Switchyard.Portal.Components.Pages.Teams;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class TeamsPageTests : PortalTestContext
{
    [Fact]
    public void Render_ListsTeams()
    {
        SignIn();
        Api.AddTeam("Search");
        Api.AddTeam("Billing");

        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Equal(
            ["Billing", "Search"], page.FindAll("[data-testid=team-row]").Select(r => r.TextContent.Trim())));
    }

    [Fact]
    public void Render_Developer_HidesCreateForm()
    {
        SignIn(MemberRole.Developer);

        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Contains(nameof(Api.GetTeamsAsync), Api.Calls));
        Assert.Empty(page.FindAll("[data-testid=create-team]"));
    }

    [Fact]
    public void Create_EmptyName_ShowsValidationAndDoesNotCallApi()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=create-team]").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter a team name.", page.Markup));
        Assert.DoesNotContain(nameof(Api.CreateTeamAsync), Api.Calls);
    }

    [Fact]
    public void Create_ValidName_AddsRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Teams>();

        page.WaitForElement("input[data-testid=team-name]").Input("Research");
        page.Find("[data-testid=create-team]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            page.FindAll("[data-testid=team-row]"), r => r.TextContent.Trim() == "Research"));
    }

    [Fact]
    public void Create_ApiRejects_ShowsProblemMessage()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.CreateTeamAsync)] = FakeControlPlaneClient.Problem("A team named 'Research' already exists.");
        var page = RenderPage<Teams>();

        page.WaitForElement("input[data-testid=team-name]").Input("Research");
        page.Find("[data-testid=create-team]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=team-row]"));
    }

    [Fact]
    public void Render_EachTeam_LinksToItsKeys()
    {
        SignIn();
        var search = Api.AddTeam("Search");

        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-keys]");
        Assert.Equal($"keys?team={search.Id}", page.Find("[data-testid=team-keys]").GetAttribute("href"));
    }
}
