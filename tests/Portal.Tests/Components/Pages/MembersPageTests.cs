using System.Net;
using Bunit;
using Switchyard.Portal.Components.Pages.Members;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class MembersPageTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ListsMembersWithRoleTeamsAndStatus()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Members.Add(new MemberDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "zoe@acme.test", MemberRole.Finance,
            [new MemberTeamDto(Guid.NewGuid(), "Search", TeamRole.TeamAdmin), new MemberTeamDto(Guid.NewGuid(), "Billing", TeamRole.Member)]));
        Api.AddMember("al@acme.test", active: false);

        var page = RenderPage<Members>();

        page.WaitForAssertion(() => Assert.Equal(
            ["al@acme.test", "zoe@acme.test"], page.FindAll("[data-testid=member-email]").Select(e => e.TextContent.Trim())));
        Assert.Equal(["Deactivated", "Active"], page.FindAll("[data-testid=member-status]").Select(e => e.TextContent.Trim()));
        Assert.Equal("Billing, Search (team admin)", page.FindAll("[data-testid=member-teams]")[1].TextContent.Trim());
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Render_TenantAdmin_EveryInputHasALabel()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("al@acme.test");

        var page = RenderPage<Members>();

        page.WaitForElement("[data-testid=member-role]");
        var labelled = page.FindAll("label[for]").Select(l => l.GetAttribute("for")).ToHashSet();
        Assert.All(page.FindAll("input"), input => Assert.Contains(input.Id, labelled));
    }

    [Fact]
    public void Create_ValidInput_SendsRequestAndAddsRow()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Members>();

        page.WaitForElement("input[data-testid=member-email-input]").Input("new@acme.test");
        page.Find("input[data-testid=member-password-input]").Input("correct-horse-battery");
        page.Pick("member-role-input", "Finance");
        page.Find("[data-testid=create-member]").Click();

        page.WaitForAssertion(() => Assert.Equal("new@acme.test", page.Find("[data-testid=member-email]").TextContent.Trim()));
        Assert.Equal(new CreateMemberRequest("new@acme.test", "correct-horse-battery", MemberRole.Finance), Api.CreatedMemberRequests.Single());
    }

    [Fact]
    public void Create_ShortPassword_ShowsValidationAndDoesNotCallApi()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Members>();

        page.WaitForElement("input[data-testid=member-email-input]").Input("new@acme.test");
        page.Find("input[data-testid=member-password-input]").Input("short");
        page.Find("[data-testid=create-member]").Click();

        page.WaitForAssertion(() => Assert.Equal("Use at least 12 characters.", page.FieldError("member-password-input")));
        Assert.DoesNotContain(nameof(Api.CreateMemberAsync), Api.Calls);
    }

    [Fact]
    public void Create_ApiRejects_ShowsProblemMessage()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.CreateMemberAsync)] = FakeControlPlaneClient.Problem("A member with this email already exists.", HttpStatusCode.Conflict);
        var page = RenderPage<Members>();

        page.WaitForElement("input[data-testid=member-email-input]").Input("dup@acme.test");
        page.Find("input[data-testid=member-password-input]").Input("correct-horse-battery");
        page.Find("[data-testid=create-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=member-email]"));
    }

    [Fact]
    public void ChangeRole_PickedRole_SendsRoleOnly()
    {
        SignIn(MemberRole.TenantAdmin);
        var al = Api.AddMember("al@acme.test");
        var page = RenderPage<Members>();
        page.WaitForElement("[data-testid=member-role]");

        page.Pick("member-role", "Auditor");

        page.WaitForAssertion(() => Assert.Equal(MemberRole.Auditor, Api.Members.Single().Role));
        Assert.Equal((al.Id, new UpdateMemberRequest(MemberRole.Auditor)), Api.UpdatedMemberRequests.Single());
        Assert.Equal("Auditor", page.Find("input[data-testid=member-role]").GetAttribute("value"));
    }

    [Fact]
    public void ChangeRole_ApiRefuses_ShowsMessage()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("al@acme.test", MemberRole.TenantAdmin);
        Api.Failures[nameof(Api.UpdateMemberAsync)] = FakeControlPlaneClient.Problem(
            "This member is the tenant's last administrator; make another member an administrator first.", HttpStatusCode.Conflict);
        var page = RenderPage<Members>();
        page.WaitForElement("[data-testid=member-role]");

        page.Pick("member-role", "Developer");

        page.WaitForAssertion(() => Assert.Contains("last administrator", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Equal(MemberRole.TenantAdmin, Api.Members.Single().Role);
        Assert.Equal("Tenant admin", page.Find("input[data-testid=member-role]").GetAttribute("value"));
    }

    [Fact]
    public void Deactivate_ThenReactivate_TogglesStatus()
    {
        SignIn(MemberRole.TenantAdmin);
        var al = Api.AddMember("al@acme.test");
        var page = RenderPage<Members>();

        page.WaitForElement("[data-testid=member-toggle-active]").Click();
        page.WaitForAssertion(() => Assert.Equal("Deactivated", page.Find("[data-testid=member-status]").TextContent.Trim()));
        Assert.Equal("Reactivate", page.Find("[data-testid=member-toggle-active]").TextContent.Trim());

        page.Find("[data-testid=member-toggle-active]").Click();
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=member-status]").TextContent.Trim()));
        Assert.Equal([false, true], Api.UpdatedMemberRequests.Select(r => r.Request.Active!.Value));
        Assert.All(Api.UpdatedMemberRequests, r => Assert.Equal((al.Id, (MemberRole?)null), (r.MemberId, r.Request.Role)));
    }

    [Fact]
    public void Remove_Confirmed_RemovesRow()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("al@acme.test");
        var page = RenderPage<Members>();

        page.WaitForElement("[data-testid=member-remove]").Click();
        page.WaitForElement("[data-testid=remove-member-confirm]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=member-email]")));
        Assert.Empty(Api.Members);
    }

    [Fact]
    public void Remove_Cancelled_KeepsMember()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("al@acme.test");
        var page = RenderPage<Members>();

        page.WaitForElement("[data-testid=member-remove]").Click();
        page.WaitForElement("[data-testid=remove-member-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=remove-member-confirm]")));
        Assert.Single(page.FindAll("[data-testid=member-email]"));
        Assert.DoesNotContain(nameof(Api.DeleteMemberAsync), Api.Calls);
    }

    [Fact]
    public void Render_TenantAdmin_CannotOfferPlatformAdminRole()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Members>();
        page.WaitForElement("[data-testid=member-role-input]");

        Assert.Equal(["Developer", "Finance", "Auditor", "Tenant admin"], page.Options("member-role-input"));
    }

    [Fact]
    public void Render_Developer_ShowsAdminsOnlyAndLoadsNothing()
    {
        SignIn(MemberRole.Developer);
        Api.AddMember("al@acme.test");

        var page = RenderPage<Members>();

        page.WaitForElement("[data-testid=members-admins-only]");
        Assert.Empty(page.FindAll("[data-testid=create-member]"));
        Assert.Empty(page.FindAll("[data-testid=member-remove]"));
        Assert.DoesNotContain(nameof(Api.GetMembersAsync), Api.Calls);
    }

    [Fact]
    public void Render_ProvisionedMembers_ShowTheirSourceAndLocalOnesNone()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("local@acme.test");
        Api.Members.Add(new MemberDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "sso@acme.test", MemberRole.Developer, [], Source: MemberSource.Sso));
        Api.Members.Add(new MemberDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "scim@acme.test", MemberRole.Developer, [], Source: MemberSource.Scim));

        var page = RenderPage<Members>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=member-email]").Count));
        var rows = page.FindAll("tr").Where(r => r.QuerySelector("[data-testid=member-email]") is not null).ToList();
        string? SourceOf(string email) => rows.Single(r => r.QuerySelector("[data-testid=member-email]")!.TextContent.Trim() == email)
            .QuerySelector("[data-testid=member-source]")?.TextContent.Trim();
        Assert.Null(SourceOf("local@acme.test"));
        Assert.Equal("SSO", SourceOf("sso@acme.test"));
        Assert.Equal("SCIM", SourceOf("scim@acme.test"));
    }

    [Fact]
    public void Render_MemberWithDisplayName_ShownUnderTheEmail()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddMember("local@acme.test");
        Api.Members.Add(new MemberDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "ada@acme.test", MemberRole.Developer, [], Source: MemberSource.Scim,
            DisplayName: "Ada Lovelace"));

        var page = RenderPage<Members>();

        page.WaitForAssertion(() => Assert.Equal("Ada Lovelace", Assert.Single(page.FindAll("[data-testid=member-display-name]")).TextContent.Trim()));
    }
}
