using Bunit;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NavMenuAuditTests : PortalTestContext
{
    [Theory]
    [InlineData(MemberRole.Developer, false)]
    [InlineData(MemberRole.Finance, false)]
    [InlineData(MemberRole.Auditor, true)]
    [InlineData(MemberRole.TenantAdmin, true)]
    [InlineData(MemberRole.PlatformAdmin, true)]
    public void Render_Role_ShowsAuditLogToAuditorsAndAdmins(MemberRole role, bool seesAudit)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(seesAudit, menu.FindAll("[data-testid=nav-audit]").Count == 1);
    }
}
