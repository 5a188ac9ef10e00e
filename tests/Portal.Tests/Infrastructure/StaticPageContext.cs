using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>The HttpContext a static (server-rendered) account page cascades: request cookies in, sign-ins and cookies written out recorded.</summary>
internal sealed class StaticPageContext
{
    public StaticPageContext(string method = "GET", string? stepCookie = null)
    {
        Http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<IAuthenticationService>(Authentication).BuildServiceProvider() };
        Http.Request.Method = method;
        if (stepCookie is not null)
        {
            Http.Request.Headers.Cookie = ".Switchyard.SignInStep=" + stepCookie;
        }
    }

    public DefaultHttpContext Http { get; }

    public RecordingAuthentication Authentication { get; } = new();

    /// <summary>The Set-Cookie headers the page wrote.</summary>
    public IReadOnlyList<string> SetCookies => [.. Http.Response.Headers.SetCookie.Select(c => c ?? "")];

    internal sealed class RecordingAuthentication : IAuthenticationService
    {
        public List<(string? Scheme, ClaimsPrincipal Principal)> SignIns { get; } = [];

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties)
        {
            SignIns.Add((scheme, principal));
            return Task.CompletedTask;
        }

        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
