using Microsoft.AspNetCore.Authentication;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Account;

/// <summary>Starts the portal's cookie session from the control plane's answer, once every sign-in step is done.</summary>
internal static class PortalSignIn
{
    public static Task SignInAsync(HttpContext context, LoginResponse session)
    {
        SignInStepCookie.Clear(context);
        return context.SignInAsync(
            PortalClaims.Scheme,
            PortalUser.CreatePrincipal(session),
            new AuthenticationProperties { IsPersistent = true, AllowRefresh = false, ExpiresUtc = session.ExpiresAt });
    }
}
