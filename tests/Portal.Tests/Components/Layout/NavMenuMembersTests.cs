using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NavMenuMembersTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.Finance, false)]
    [InlineData(MemberRole.Auditor, false)]
    [InlineData(MemberRole.TenantAdmin, true)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_ShowsMembersToTenantAdminsOnly(MemberRole role, bool seesMembers)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(seesMembers, menu.FindAll("[data-testid=nav-members]").Count == 1);
    }
}
