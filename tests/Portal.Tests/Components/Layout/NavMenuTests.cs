using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.Finance, false)]
    [InlineData(MemberRole.TenantAdmin, true)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_ShowsRoutesToAllAndProvidersToTenantAdmins(MemberRole role, bool seesProviders)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.NotNull(menu.Find("[data-testid=nav-routes]"));
        Assert.Equal(seesProviders, menu.FindAll("[data-testid=nav-providers]").Count == 1);
    }

    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.TenantAdmin, false)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_ShowsNodesToPlatformAdminsOnly(MemberRole role, bool seesNodes)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(seesNodes, menu.FindAll("[data-testid=nav-nodes]").Count == 1);
    }

    [Fact]
    public void Render_Auditor_OffersTheAuditLogAndSecurityOnly()
    {
        SignIn(MemberRole.Auditor);

        var menu = Render<NavMenu>();

        Assert.Equal(["nav-audit", "nav-security"], menu.FindAll("[data-testid^=nav-]").Select(l => l.GetAttribute("data-testid")!).Order(StringComparer.Ordinal));
    }
}
