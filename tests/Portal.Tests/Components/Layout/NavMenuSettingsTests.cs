using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NavMenuSettingsTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.Finance, false)]
    [InlineData(MemberRole.Auditor, false)]
    [InlineData(MemberRole.TenantAdmin, true)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_SettingsForTenantAdminsSecurityForEveryone(MemberRole role, bool seesSettings)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(seesSettings, menu.FindAll("[data-testid=nav-settings]").Count == 1);
        Assert.Single(menu.FindAll("[data-testid=nav-security]"));
    }
}
