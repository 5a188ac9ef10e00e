using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>A bUnit context with MudBlazor, a signed-in member and the fake admin API.</summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    internal FakeControlPlaneClient Api { get; } = new();

    internal PortalAssets Assets { get; } = new();

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IControlPlaneClient>(Api);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(FakeControlPlaneClient.Now));
        Services.AddSingleton(Assets);
        Services.AddSingleton(Options.Create(new PortalOptions
        {
            ControlPlaneUrl = new Uri("http://127.0.0.1:1/"),
            GatewayUrl = new Uri("http://localhost:8080/v1"),
        }));
    }

    /// <summary>Signs in a member of Acme; <paramref name="extraClaims"/> adds to the session (a platform admin's tenant selection).</summary>
    protected void SignIn(MemberRole role = MemberRole.Developer, params Claim[] extraClaims)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("dev@acme.test");
        auth.SetRoles(role.ToString());
        auth.SetClaims(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(PortalClaims.TenantId, FakeControlPlaneClient.TenantId.ToString()),
            new Claim(PortalClaims.TenantName, "Acme"),
            new Claim(PortalClaims.ApiToken, "token"),
            .. extraClaims,
        ]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable; xunit 2 awaits this before calling Dispose.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Renders a page inside the MudBlazor providers the layout supplies (popovers, dialogs, snackbars);
    /// the returned fragment's markup includes open dialogs.
    /// </summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>()
        where TPage : IComponent
    {
        var host = RenderPage(typeof(TPage));
        host.FindComponent<TPage>();
        return host;
    }

    /// <summary>Renders the page component of the given type the same way (for tests that walk every page).</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage(Type page) =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent(3, page);
            builder.CloseComponent();
        });
}
