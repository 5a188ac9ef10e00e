using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Startup;

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

    /// <summary>
    /// The TimeProvider-based authenticator provider (in place of Identity's), the sign-in step services, and Identity's
    /// user store replaced by <see cref="ProtectedTokenUserStore"/> (authenticator keys and recovery codes sealed at rest;
    /// plain ones left from before are sealed at start). Called after Identity's stores are registered.
    /// </summary>
    public static WebApplicationBuilder AddTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TwoFactorSecretProtector>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserStore<Member>, ProtectedTokenUserStore>());
        builder.Services.AddStartupStep<TwoFactorSecretsUpgradeStep>();
        builder.Services.AddSingleton<SignInChallenges>();
        builder.Services.AddScoped<MemberSessions>();
        builder.Services.AddSingleton<TotpAuthenticatorTokenProvider>();
        builder.Services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(TotpAuthenticatorTokenProvider)));
        return builder;
    }
}
