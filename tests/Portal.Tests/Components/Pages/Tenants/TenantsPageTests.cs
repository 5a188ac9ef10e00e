using System.Net;
using System.Security.Claims;
using Bunit;
using TenantsPage = Switchyard.Portal.Components.Pages.Tenants.Tenants;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Tenants;

public sealed class TenantsPageTests : PortalTestContext
{
    [Fact]
    public void Render_PlatformAdmin_ListsEveryTenantWithStatus()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddTenant("Globex", active: false);
        Api.AddTenant("Acme", id: FakeControlPlaneClient.TenantId);

        var page = RenderPage<TenantsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=tenant-row]").Count));
        Assert.StartsWith("Acme", page.FindAll("[data-testid=tenant-row]")[0].TextContent.Trim());
        Assert.Equal(["Active", "Deactivated"], page.FindAll("[data-testid=tenant-status]").Select(e => e.TextContent.Trim()));
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Open_AnotherTenant_PostsItsIdToTheSwitchEndpoint()
    {
        SignIn(MemberRole.PlatformAdmin);
        var globex = Api.AddTenant("Globex");
        Api.AddTenant("Acme", id: FakeControlPlaneClient.TenantId);

        var page = RenderPage<TenantsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=tenant-open-form]").Count));
        var acmeForm = page.FindAll("[data-testid=tenant-open-form]")[0];
        var globexForm = page.FindAll("[data-testid=tenant-open-form]")[1];
        Assert.Equal("account/tenant", globexForm.GetAttribute("action"));
        Assert.Equal("post", globexForm.GetAttribute("method"));
        Assert.Equal(globex.Id.ToString(), globexForm.QuerySelector("input[name=tenantId]")!.GetAttribute("value"));
        Assert.Equal("Globex", globexForm.QuerySelector("input[name=tenantName]")!.GetAttribute("value"));
        // The tenant the portal is on already cannot be opened again.
        Assert.True(acmeForm.QuerySelector("button")!.HasAttribute("disabled"));
        Assert.False(globexForm.QuerySelector("button")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Render_SwitchedToAnotherTenant_MarksItOpenAndOwnTenantYours()
    {
        var globex = Api.AddTenant("Globex");
        Api.AddTenant("Acme", id: FakeControlPlaneClient.TenantId);
        SignIn(MemberRole.PlatformAdmin,
            new Claim(PortalClaims.SelectedTenantId, globex.Id.ToString()), new Claim(PortalClaims.SelectedTenantName, "Globex"));

        var page = RenderPage<TenantsPage>();

        page.WaitForAssertion(() => Assert.Contains("Open now", page.FindAll("[data-testid=tenant-row]")[1].TextContent));
        Assert.Contains("Yours", page.FindAll("[data-testid=tenant-row]")[0].TextContent);
        Assert.DoesNotContain("Open now", page.FindAll("[data-testid=tenant-row]")[0].TextContent);
    }

    [Fact]
    public void Create_ValidName_SendsRequestAndAddsRow()
    {
        SignIn(MemberRole.PlatformAdmin);
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("input[data-testid=tenant-name]").Input("Initech");
        page.Find("[data-testid=create-tenant]").Click();

        page.WaitForAssertion(() => Assert.Equal("Initech", page.Find("[data-testid=tenant-row]").TextContent.Trim()));
        Assert.Equal("Initech", Api.CreatedTenantRequests.Single().Name);
    }

    [Fact]
    public void Create_EmptyName_ShowsValidationAndDoesNotCallApi()
    {
        SignIn(MemberRole.PlatformAdmin);
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("[data-testid=create-tenant]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enter a tenant name.", page.FieldError("tenant-name")));
        Assert.DoesNotContain(nameof(Api.CreateTenantAsync), Api.Calls);
    }

    [Fact]
    public void Create_DuplicateName_ShowsProblemMessage()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.Failures[nameof(Api.CreateTenantAsync)] = FakeControlPlaneClient.Problem("A tenant named 'Acme' already exists.", HttpStatusCode.Conflict);
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("input[data-testid=tenant-name]").Input("Acme");
        page.Find("[data-testid=create-tenant]").Click();

        page.WaitForAssertion(() => Assert.Contains("A tenant named 'Acme' already exists.", page.Markup));
    }

    [Fact]
    public void Deactivate_Confirmed_SendsActiveFalseAndShowsReactivate()
    {
        SignIn(MemberRole.PlatformAdmin);
        var globex = Api.AddTenant("Globex");
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("[data-testid=tenant-deactivate]").Click();
        page.WaitForElement("[data-testid=deactivate-tenant-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("Deactivated", page.Find("[data-testid=tenant-status]").TextContent.Trim()));
        Assert.False(Api.UpdatedTenantRequests.Single().Active);
        Assert.Single(page.FindAll("[data-testid=tenant-reactivate]"));
        Assert.False(Api.Tenants.Single(t => t.Id == globex.Id).Active);
    }

    [Fact]
    public void Deactivate_Cancelled_ChangesNothing()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddTenant("Globex");
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("[data-testid=tenant-deactivate]").Click();
        page.WaitForElement("[data-testid=deactivate-tenant-cancel]").Click();

        Assert.Empty(Api.UpdatedTenantRequests);
        Assert.Equal("Active", page.Find("[data-testid=tenant-status]").TextContent.Trim());
    }

    [Fact]
    public void Reactivate_DeactivatedTenant_SendsActiveTrue()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddTenant("Globex", active: false);
        var page = RenderPage<TenantsPage>();

        page.WaitForElement("[data-testid=tenant-reactivate]").Click();

        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=tenant-status]").TextContent.Trim()));
        Assert.True(Api.UpdatedTenantRequests.Single().Active);
    }

    [Fact]
    public void Render_TenantAdmin_ExplainsAndDoesNotList()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddTenant("Globex");

        var page = RenderPage<TenantsPage>();

        page.WaitForElement("[data-testid=tenants-platform-only]");
        Assert.DoesNotContain(nameof(Api.GetTenantsAsync), Api.Calls);
        Assert.Empty(page.FindAll("[data-testid=create-tenant]"));
    }
}
