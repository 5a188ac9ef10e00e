using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Account;

/// <summary>
/// Carries an unfinished sign-in (the step and the control plane's opaque, short-lived challenge) from the password or
/// invitation page to the TOTP or enrolment page: an HttpOnly, SameSite=Strict cookie on <c>/account</c> that lives no
/// longer than the challenge. It holds no session; the challenge alone is useless without the member's code.
/// </summary>
internal static class SignInStepCookie
{
    public const string Name = ".Switchyard.SignInStep";

    public static void Write(HttpContext context, SignInStepDto step) => Write(context, step.Step, step.Challenge, step.ExpiresAt);

    /// <param name="expires">When the cookie goes; null for the end of the browser session.</param>
    public static void Write(HttpContext context, string step, string challenge, DateTimeOffset? expires) =>
        context.Response.Cookies.Append(Name, step + "|" + challenge, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account",
            Expires = expires,
            IsEssential = true,
        });

    /// <summary>The challenge when the cookie holds one for <paramref name="step"/>.</summary>
    public static string? Read(HttpContext context, string step) =>
        context.Request.Cookies.TryGetValue(Name, out var value) && value.Split('|', 2) is [var name, var challenge] && name == step && challenge.Length > 0
            ? challenge
            : null;

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = "/account", Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict });

    /// <summary>The page that continues <paramref name="step"/>.</summary>
    public static string PageFor(SignInStepDto step, string? returnUrl)
    {
        var page = step.Step == SignInSteps.TotpEnrolment ? "/account/enrol-totp" : "/account/two-factor";
        var target = LocalReturnUrl.Sanitize(returnUrl);
        return target == "/" ? page : page + "?returnUrl=" + Uri.EscapeDataString(target);
    }
}
