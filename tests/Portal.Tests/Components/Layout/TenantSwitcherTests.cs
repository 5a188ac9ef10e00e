using System.Net;
using System.Security.Claims;
using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Components.Pages.Teams;
using Switchyard.Portal.Services;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class TenantSwitcherTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer)]
    [InlineData(MemberRole.TenantAdmin)]
    public void Render_NotPlatformAdmin_ShowsNothing(MemberRole role)
    {
        SignIn(role);

        var switcher = Render<TenantSwitcher>();

        Assert.Empty(switcher.FindAll("[data-testid=tenant-switcher]"));
        Assert.DoesNotContain(nameof(Api.GetTenantsAsync), Api.Calls);
    }

    [Fact]
    public void Pick_AnotherTenant_FormPostsItsIdAndName()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddTenant("Acme", id: FakeControlPlaneClient.TenantId);
        var globex = Api.AddTenant("Globex");

        var page = RenderPage<TenantSwitcher>();

        page.WaitForElement("[data-testid=tenant-switcher]");
        Assert.True(page.Find("[data-testid=tenant-switcher-apply]").HasAttribute("disabled"));
        page.Pick("tenant-switcher-select", "Globex");

        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=tenant-switcher-apply]").HasAttribute("disabled")));
        var form = page.Find("[data-testid=tenant-switcher-apply-form]");
        Assert.Equal(globex.Id.ToString(), form.QuerySelector("input[name=tenantId]")!.GetAttribute("value"));
        Assert.Equal("Globex", form.QuerySelector("input[name=tenantName]")!.GetAttribute("value"));
    }

    [Fact]
    public void Render_PlatformAdmin_OffersEveryTenantMarkingOwnAndDeactivated()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddTenant("Acme", id: FakeControlPlaneClient.TenantId);
        Api.AddTenant("Globex", active: false);

        var page = RenderPage<TenantSwitcher>();

        page.WaitForElement("[data-testid=tenant-switcher]");
        Assert.Equal(["Acme (yours)", "Globex (deactivated)"], page.Options("tenant-switcher-select"));
    }

    [Fact]
    public void Render_ListFails_StillOffersTheCurrentTenantAndSaysWhy()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.Failures[nameof(Api.GetTenantsAsync)] = FakeControlPlaneClient.Problem("Service unavailable.", HttpStatusCode.ServiceUnavailable);

        var page = RenderPage<TenantSwitcher>();

        page.WaitForElement("[data-testid=tenant-switcher-error]");
        Assert.Equal(["Acme (yours)"], page.Options("tenant-switcher-select"));
    }

    [Fact]
    public void Page_PlatformAdminSwitched_CallsTheApiWithTheSelectedTenant()
    {
        var globex = Guid.NewGuid();
        SignIn(MemberRole.PlatformAdmin,
            new Claim(PortalClaims.SelectedTenantId, globex.ToString()), new Claim(PortalClaims.SelectedTenantName, "Globex"));

        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Equal([globex], Api.TenantIdsUsed));
    }

    [Fact]
    public void Page_TenantAdminWithAStraySelection_StaysOnOwnTenant()
    {
        SignIn(MemberRole.TenantAdmin,
            new Claim(PortalClaims.SelectedTenantId, Guid.NewGuid().ToString()), new Claim(PortalClaims.SelectedTenantName, "Globex"));

        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Equal([FakeControlPlaneClient.TenantId], Api.TenantIdsUsed));
    }
}
