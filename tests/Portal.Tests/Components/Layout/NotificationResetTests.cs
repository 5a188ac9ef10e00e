using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchyard.Portal.Components.Layout;
using Switchyard.Portal.Tests.Infrastructure;

namespace Switchyard.Portal.Tests.Components.Layout;

public sealed class NotificationResetTests : PortalTestContext
{
    [Fact]
    public void Navigate_ToAnotherPage_ClearsTheNotifications()
    {
        Render<NotificationReset>();
        var snackbar = Services.GetRequiredService<ISnackbar>();
        snackbar.Add("Key 'web' revoked.", Severity.Success);
        Assert.Single(snackbar.ShownSnackbars);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/usage");

        Assert.Empty(snackbar.ShownSnackbars);
    }

    [Fact]
    public void Render_WithoutNavigating_KeepsTheNotifications()
    {
        Render<NotificationReset>();
        var snackbar = Services.GetRequiredService<ISnackbar>();

        snackbar.Add("Key 'web' revoked.", Severity.Success);

        Assert.Single(snackbar.ShownSnackbars);
    }
}
