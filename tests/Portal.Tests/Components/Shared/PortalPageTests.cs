using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Portal.Components.Pages.Audit;
using Switchyard.Portal.Components.Pages.Dashboard;
using Switchyard.Portal.Components.Pages.Keys;
using Switchyard.Portal.Components.Pages.Teams;
using Switchyard.Portal.Components.Pages.Usage;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Shared;

/// <summary>Auditors may read the audit log only: the other pages send them there instead of showing the API's refusal.</summary>
public sealed class PortalPageTests : PortalTestContext
{
    [Theory]
    [InlineData(typeof(Dashboard))]
    [InlineData(typeof(Keys))]
    [InlineData(typeof(Teams))]
    [InlineData(typeof(Usage))]
    public void Render_AuditorOnAMembersPage_SentToTheAuditLogWithoutCallingTheApi(Type page)
    {
        SignIn(MemberRole.Auditor);

        RenderPage(page);

        Assert.Equal("http://localhost/audit", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(Api.Calls);
    }

    [Theory]
    [InlineData(typeof(AuditLog))]
    [InlineData(typeof(Switchyard.Portal.Components.Pages.Security.Security))]
    public void Render_AuditorOnTheirPages_StaysAndLoads(Type page)
    {
        SignIn(MemberRole.Auditor);

        RenderPage(page);

        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.NotEmpty(Api.Calls);
    }
}
