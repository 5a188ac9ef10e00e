using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// What happens when the identity provider sends the person back: the validated tokens (and user-info answer) become a
/// member through <see cref="SsoSignIn"/>, the handler signs that member into the admin API's Identity cookie, and the
/// return URL gets a one-time <see cref="SsoHandoff"/> code for the portal. A refusal or a failed exchange goes back to
/// the return URL with a message (<see cref="SsoDefaults.ErrorParameter"/>), never with a signed-in session.
/// </summary>
internal sealed partial class SsoEvents(
    SsoSignIn signIn, SsoHandoff handoff, SignInManager<Member> signInManager, IOptions<SsoOptions> options, ILogger<SsoEvents> logger)
    : OpenIdConnectEvents
{
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var sso = context.HttpContext.Features.Get<TenantSso>();
        var returnUrl = context.ReturnUri ?? "/";
        if (sso is null
            || context.Properties?.Items.TryGetValue(SsoDefaults.TenantItem, out var started) != true
            || !Guid.TryParse(started, out var startedTenant) || startedTenant != sso.TenantId
            || !SsoReturnUrl.IsAllowed(returnUrl, options.Value))
        {
            LogMismatch(logger);
            await RefuseAsync(context.HttpContext, null, "This sign-in was not started for this organisation; start again from the sign-in page.");
            context.HandleResponse();
            return;
        }

        var principal = context.Principal ?? new ClaimsPrincipal();
        var identity = new SsoIdentity(
            principal.FindFirstValue("sub") ?? "",
            principal.FindFirstValue("email"),
            bool.TryParse(principal.FindFirstValue("email_verified"), out var verified) ? verified : null,
            principal.FindAll(sso.GroupsClaim).Select(c => c.Value).ToList());
        if (identity.Subject.Length == 0)
        {
            await RefuseAsync(context.HttpContext, returnUrl, "The identity provider did not identify you (no subject).");
            context.HandleResponse();
            return;
        }

        Member member;
        try
        {
            member = await signIn.SignInAsync(sso, identity, context.HttpContext.RequestAborted);
        }
        catch (SsoRefusedException refused)
        {
            LogRefused(logger, sso.TenantId, refused.Message);
            await RefuseAsync(context.HttpContext, returnUrl, refused.Message);
            context.HandleResponse();
            return;
        }

        LogSignedIn(logger, sso.TenantId, member.Id);
        context.Principal = await signInManager.CreateUserPrincipalAsync(member);
        context.Properties!.Items.Remove(SsoDefaults.TenantItem);
        context.ReturnUri = SsoReturnUrl.Append(returnUrl, SsoDefaults.CodeParameter, await handoff.IssueAsync(member.Id, context.HttpContext.RequestAborted));
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        LogFailed(logger, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? "");
        var returnUrl = context.Properties?.RedirectUri;
        var issuer = context.HttpContext.Features.Get<TenantSso>()?.Issuer ?? "";
        var message = EgressDeniedException.Find(context.Failure) is { } refused ? SsoRefusal.EgressMessage(issuer, refused.Message)
            : SsoRedirectRefusedException.Find(context.Failure) is { } redirected ? SsoRefusal.RedirectMessage(issuer, redirected.Message)
            : "Single sign-on did not complete: the identity provider's answer was refused or could not be verified. Try again.";
        await RefuseAsync(context.HttpContext, returnUrl, message);
        context.HandleResponse();
    }

    private Task RefuseAsync(HttpContext http, string? returnUrl, string message) => SsoRefusal.SendAsync(http, returnUrl, message, options.Value);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSO sign-in of member {MemberId} in tenant {TenantId}")]
    private static partial void LogSignedIn(ILogger logger, Guid tenantId, Guid memberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSO sign-in refused in tenant {TenantId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO callback does not belong to the tenant that started the sign-in")]
    private static partial void LogMismatch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in failed ({Failure}): {Message}")]
    private static partial void LogFailed(ILogger logger, string failure, string message);
}
