using System.Net;
using Bunit;
using Switchyard.Portal.Components.Pages.Teams;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

/// <summary>The Teams page's administration: rename, delete and the members of a team.</summary>
public sealed class TeamsAdministrationTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ShowsOneH1AndNoBareIds()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");

        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-row]");
        Assert.Single(page.FindAll("h1"));
        // Shown nowhere (the team's Keys link carries it in its address only).
        Assert.DoesNotContain(team.Id.ToString(), string.Concat(page.Nodes.Select(n => n.TextContent)));
    }

    [Fact]
    public void Rename_NewName_UpdatesRowAndSendsName()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-rename]").Click();
        page.WaitForElement("input[data-testid=rename-team-name]").Input("Discovery");
        page.Find("[data-testid=rename-team-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("Discovery", page.Find("[data-testid=team-row]").TextContent.Trim()));
        Assert.Equal((team.Id, "Discovery"), (Api.UpdatedTeamRequests.Single().TeamId, Api.UpdatedTeamRequests.Single().Request.Name));
        Assert.Empty(page.FindAll("[data-testid=rename-team-save]"));
    }

    [Fact]
    public void Rename_ApiRejects_ShowsMessageInDialog()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTeam("Search");
        Api.Failures[nameof(Api.UpdateTeamAsync)] = FakeControlPlaneClient.Problem("A team named 'Billing' already exists.", HttpStatusCode.Conflict);
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-rename]").Click();
        page.WaitForElement("input[data-testid=rename-team-name]").Input("Billing");
        page.Find("[data-testid=rename-team-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Equal("Search", page.Find("[data-testid=team-row]").TextContent.Trim());
    }

    [Fact]
    public void Delete_Confirmed_RemovesRow()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTeam("Search");
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-delete]").Click();
        page.WaitForElement("[data-testid=delete-team-confirm]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=team-row]")));
        Assert.Contains(nameof(Api.DeleteTeamAsync), Api.Calls);
    }

    [Fact]
    public void Delete_Cancelled_KeepsTeam()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTeam("Search");
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-delete]").Click();
        page.WaitForElement("[data-testid=delete-team-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=delete-team-confirm]")));
        Assert.Single(page.FindAll("[data-testid=team-row]"));
        Assert.DoesNotContain(nameof(Api.DeleteTeamAsync), Api.Calls);
    }

    [Fact]
    public void Delete_Conflict_ShowsProblemMessageAndKeepsTeam()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTeam("Search");
        Api.Failures[nameof(Api.DeleteTeamAsync)] = FakeControlPlaneClient.Problem(
            "The team still has 2 active key(s); revoke them first.", HttpStatusCode.Conflict);
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-delete]").Click();
        page.WaitForElement("[data-testid=delete-team-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("still has 2 active key(s)", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Single(page.FindAll("[data-testid=team-row]"));
    }

    [Fact]
    public void OpenTeam_ListsMembersWithTeamRoles()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        Api.AddTeamMember(team, Api.AddMember("bea@acme.test"), TeamRole.TeamAdmin);
        Api.AddTeamMember(team, Api.AddMember("al@acme.test"));
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-open]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            ["al@acme.test", "bea@acme.test"], page.FindAll("[data-testid=team-member-email]").Select(e => e.TextContent.Trim())));
        Assert.Contains("Members of Search", page.Find("h2").TextContent);
    }

    [Fact]
    public void OpenTeam_TenantAdmin_EveryInputHasALabel()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        Api.AddTeamMember(team, Api.AddMember("al@acme.test"));
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-open]").Click();

        page.WaitForElement("[data-testid=team-member-role]");
        var labelled = page.FindAll("label[for]").Select(l => l.GetAttribute("for")).ToHashSet();
        Assert.All(page.FindAll("input"), input => Assert.Contains(input.Id, labelled));
    }

    [Fact]
    public void AddMember_PickedMemberAndRole_AddsRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        var cy = Api.AddMember("cy@acme.test");
        var page = RenderPage<Teams>();
        page.WaitForElement("[data-testid=team-open]").Click();
        page.WaitForElement("[data-testid=add-team-member]");

        page.Pick("add-team-member", "cy@acme.test");
        page.Pick("add-team-member-role", "Team admin");
        page.Find("[data-testid=add-team-member-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("cy@acme.test", page.Find("[data-testid=team-member-email]").TextContent.Trim()));
        Assert.Equal(TeamRole.TeamAdmin, Api.TeamMembers[team.Id].Single(m => m.MemberId == cy.Id).Role);
    }

    [Fact]
    public void AddMember_DeactivatedMember_IsNotOffered()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTeam("Search");
        Api.AddMember("gone@acme.test", active: false);
        Api.AddMember("here@acme.test");
        var page = RenderPage<Teams>();
        page.WaitForElement("[data-testid=team-open]").Click();
        page.WaitForElement("[data-testid=add-team-member]");

        Assert.Equal(["here@acme.test"], page.Options("add-team-member"));
    }

    [Fact]
    public void ChangeRole_ToTeamAdmin_CallsApi()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        var al = Api.AddMember("al@acme.test");
        Api.AddTeamMember(team, al);
        var page = RenderPage<Teams>();
        page.WaitForElement("[data-testid=team-open]").Click();
        page.WaitForElement("[data-testid=team-member-role]");

        page.Pick("team-member-role", "Team admin");

        page.WaitForAssertion(() => Assert.Equal(TeamRole.TeamAdmin, Api.TeamMembers[team.Id].Single().Role));
        Assert.Contains(nameof(Api.SetTeamMemberAsync), Api.Calls);
    }

    [Fact]
    public void ChangeRole_ApiRefuses_ShowsMessageAndStoredRole()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        Api.AddTeamMember(team, Api.AddMember("al@acme.test"));
        Api.Failures[nameof(Api.SetTeamMemberAsync)] = FakeControlPlaneClient.Problem(
            "The member is deactivated; reactivate them first.", HttpStatusCode.Conflict);
        var page = RenderPage<Teams>();
        page.WaitForElement("[data-testid=team-open]").Click();
        page.WaitForElement("[data-testid=team-member-role]");

        page.Pick("team-member-role", "Team admin");

        page.WaitForAssertion(() => Assert.Contains("reactivate them first", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Equal("Member", page.Find("input[data-testid=team-member-role]").GetAttribute("value"));
        Assert.Equal(TeamRole.Member, Api.TeamMembers[team.Id].Single().Role);
    }

    [Fact]
    public void RemoveMember_Confirmed_RemovesRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var team = Api.AddTeam("Search");
        Api.AddTeamMember(team, Api.AddMember("al@acme.test"));
        var page = RenderPage<Teams>();
        page.WaitForElement("[data-testid=team-open]").Click();

        page.WaitForElement("[data-testid=team-member-remove]").Click();
        page.WaitForElement("[data-testid=remove-team-member-confirm]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=team-member-email]")));
        Assert.Empty(Api.TeamMembers[team.Id]);
    }

    [Fact]
    public void Render_Developer_HidesAdministrationActions()
    {
        SignIn(MemberRole.Developer);
        var team = Api.AddTeam("Search");
        Api.AddTeamMember(team, Api.AddMember("al@acme.test"));
        Api.Me = new CurrentUserDto(Guid.NewGuid(), "dev@acme.test", FakeControlPlaneClient.TenantId, "Acme", MemberRole.Developer,
            [new MemberTeamDto(team.Id, team.Name, TeamRole.Member)]);
        var page = RenderPage<Teams>();

        page.WaitForElement("[data-testid=team-open]").Click();

        page.WaitForAssertion(() => Assert.Equal("Member", page.Find("[data-testid=team-member-role-text]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=team-rename]"));
        Assert.Empty(page.FindAll("[data-testid=team-delete]"));
        Assert.Empty(page.FindAll("[data-testid=team-member-remove]"));
        Assert.Empty(page.FindAll("[data-testid=add-team-member]"));
        Assert.DoesNotContain(nameof(Api.GetMembersAsync), Api.Calls);
    }

    [Fact]
    public void Render_TeamAdminDeveloper_CanManageOwnTeamOnly()
    {
        SignIn(MemberRole.Developer);
        var mine = Api.AddTeam("Alpha");
        var other = Api.AddTeam("Beta");
        Api.AddTeamMember(mine, Api.AddMember("al@acme.test"));
        Api.AddTeamMember(other, Api.AddMember("bo@acme.test"));
        Api.Me = new CurrentUserDto(Guid.NewGuid(), "dev@acme.test", FakeControlPlaneClient.TenantId, "Acme", MemberRole.Developer,
            [new MemberTeamDto(mine.Id, mine.Name, TeamRole.TeamAdmin)]);
        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=team-open]").Count));
        page.FindAll("[data-testid=team-open]")[0].Click();
        page.WaitForElement("[data-testid=team-member-remove]");
        Assert.NotEmpty(page.FindAll("[data-testid=add-team-member]"));
        Assert.Empty(page.FindAll("[data-testid=team-rename]"));

        page.FindAll("[data-testid=team-open]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal("bo@acme.test", page.Find("[data-testid=team-member-email]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=team-member-remove]"));
        Assert.Empty(page.FindAll("[data-testid=add-team-member]"));
    }
}
