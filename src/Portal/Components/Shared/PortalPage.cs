using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Shared;

/// <summary>Base of the signed-in pages: the current member, the API client and the page's last error.</summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected IControlPlaneClient ControlPlane { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// Whether auditors use this page. The admin API lets auditors read the audit log only (and their own sign-in
    /// security), so every other page sends them to the audit log instead of showing them a refusal.
    /// </summary>
    protected virtual bool OpenToAuditors => false;

    /// <summary>The signed-in member (null only if the claims are unusable, which shows an error).</summary>
    protected PortalUser? CurrentUser { get; private set; }

    /// <summary>The message of the last failed call, shown in an alert.</summary>
    protected string? Error { get; set; }

    protected bool Loading { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            CurrentUser = PortalUser.From((await AuthenticationState).User);
        }

        if (CurrentUser is null)
        {
            Error = "Your session is missing tenant details; sign out and sign in again.";
            return;
        }

        if (CurrentUser.Role == MemberRole.Auditor && !OpenToAuditors)
        {
            Navigation.NavigateTo("audit");
            return;
        }

        await RunAsync(() => LoadAsync(CurrentUser));
    }

    /// <summary>Loads the page's data for the member.</summary>
    protected abstract Task LoadAsync(PortalUser user);

    /// <summary>Runs an API call, turning a failure into <see cref="Error"/>; returns whether it succeeded.</summary>
    protected async Task<bool> RunAsync(Func<Task> call)
    {
        Loading = true;
        Error = null;
        try
        {
            await call();
            return true;
        }
        catch (ControlPlaneException ex)
        {
            Error = ex.Message;
            return false;
        }
        finally
        {
            Loading = false;
        }
    }
}
