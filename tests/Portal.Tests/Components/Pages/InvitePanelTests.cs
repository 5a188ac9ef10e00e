using Bunit;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using MembersPage = Switchyard.Portal.Components.Pages.Members.Members;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class InvitePanelTests : PortalTestContext
{
    [Fact]
    public void Invite_EmailAndRole_ShowsAbsoluteLinkWithCopyButtonAndPendingRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<MembersPage>();

        page.WaitForElement("[data-testid=invite-open]").Click();
        page.WaitForElement("#invite-email").Input("new@acme.test");
        page.Pick("invite-role-input", "Finance");
        page.Find("[data-testid=invite-create]").Click();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/invite/syi_secret-token", page.Find("[data-testid=invite-link]").TextContent));
        Assert.NotNull(page.Find("[data-testid=copy-invite-link]"));
        Assert.Equal(new CreateInvitationRequest("new@acme.test", MemberRole.Finance), Api.InvitationRequests.Single());
        Assert.Contains("new@acme.test", page.Find("[data-testid=invitation-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Invite_WithTeamAndTeamRole_SendsTheTeamWithTheRoleAndListsIt()
    {
        SignIn(MemberRole.TenantAdmin);
        var search = Api.AddTeam("Search");
        Api.AddTeam("Billing");
        var page = RenderPage<MembersPage>();

        page.WaitForElement("[data-testid=invite-open]").Click();
        page.WaitForElement("#invite-email").Input("new@acme.test");
        page.Pick("invite-teams-input", "Search");
        page.Pick("invite-team-role-input", "Team admin");
        page.Find("[data-testid=invite-create]").Click();

        page.WaitForElement("[data-testid=invite-link]");
        var request = Api.InvitationRequests.Single();
        Assert.Equal([new InvitationTeamDto(search.Id, TeamRole.TeamAdmin)], request.Teams);
        Assert.Equal("Search (team admin)", page.Find("[data-testid=invitation-teams]").TextContent.Trim());
    }

    [Fact]
    public void Revoke_PendingInvitation_RemovesRow()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Invitations.Add(new InvitationDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "old@acme.test", MemberRole.Developer, [],
            FakeControlPlaneClient.Now, FakeControlPlaneClient.Now.AddDays(7), "member:me"));
        var page = RenderPage<MembersPage>();

        page.WaitForElement("[data-testid=invitation-revoke]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=invitation-row]")));
        Assert.Empty(Api.Invitations);
    }

    [Fact]
    public void Invite_Refused_ShowsTheApisMessageAndNoLink()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Switchyard.Portal.Services.IControlPlaneClient.CreateInvitationAsync)] = FakeControlPlaneClient.Problem("A member with this email already exists.");
        var page = RenderPage<MembersPage>();

        page.WaitForElement("[data-testid=invite-open]").Click();
        page.WaitForElement("#invite-email").Input("ann@acme.test");
        page.Find("[data-testid=invite-create]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=invite-link]"));
    }
}
