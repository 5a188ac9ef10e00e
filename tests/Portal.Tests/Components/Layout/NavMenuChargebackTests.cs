using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NavMenuChargebackTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.Auditor, false)]
    [InlineData(MemberRole.Finance, true)]
    [InlineData(MemberRole.TenantAdmin, true)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_ShowsChargebackToFinanceAndAdmins(MemberRole role, bool seesChargeback)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(seesChargeback, menu.FindAll("[data-testid=nav-chargeback]").Count == 1);
    }
}
