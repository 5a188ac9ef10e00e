using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.TwoFactor;

public static class TwoFactorEndpoints
{
    /// <summary>
    /// The sign-in steps after the password (anonymous, throttled with it: <c>/api/auth/login/…</c>) and the signed-in
    /// member's own TOTP settings (<c>/api/me/totp</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapTwoFactorEndpoints(this IEndpointRouteBuilder api)
    {
        var steps = api.MapGroup("/auth/login").WithTags("Auth").AllowAnonymous().RequireRateLimiting(SignInRateLimiterPolicy.Name);
        steps.MapPost("/two-factor", CompleteTwoFactorLogin.HandleAsync).WithName("LoginTwoFactor");
        steps.MapPost("/totp-enrolment", StartSignInEnrolment.HandleAsync).WithName("LoginStartTotpEnrolment");
        steps.MapPost("/totp-enrolment/confirm", ConfirmSignInEnrolment.HandleAsync).WithName("LoginConfirmTotpEnrolment");

        var me = api.MapGroup("/me/totp").WithTags("Auth").RequireAuthorization(AdminPolicies.SignedIn);
        me.MapGet("", GetTotpStatus.HandleAsync).WithName("GetTotpStatus");
        me.MapPost("/enrolment", StartTotpEnrolment.HandleAsync).WithName("StartTotpEnrolment");
        me.MapPost("/confirm", ConfirmTotpEnrolment.HandleAsync).WithName("ConfirmTotpEnrolment");
        me.MapPost("/disable", DisableTotp.HandleAsync).WithName("DisableTotp");
        me.MapPost("/recovery-codes", RegenerateRecoveryCodes.HandleAsync).WithName("RegenerateRecoveryCodes");
        return api;
    }

    /// <summary>The TimeProvider-based authenticator provider (in place of Identity's) and the sign-in step services.</summary>
    public static WebApplicationBuilder AddTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignInChallenges>();
        builder.Services.AddScoped<MemberSessions>();
        builder.Services.AddSingleton<TotpAuthenticatorTokenProvider>();
        builder.Services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(TotpAuthenticatorTokenProvider)));
        return builder;
    }
}
