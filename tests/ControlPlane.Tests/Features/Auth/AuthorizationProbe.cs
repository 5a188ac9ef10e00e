using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

/// <summary>
/// Wraps the app's own <see cref="IAuthorizationMiddlewareResultHandler"/> (so refusals are answered exactly as in
/// production) but, for a request carrying <see cref="ProbeHeader"/>, answers an authorised request with 200 instead of
/// running the endpoint and names the matched endpoint in <see cref="EndpointHeader"/> either way. Other requests (the
/// test's own setup) run as usual.
/// </summary>
internal sealed class AuthorizationProbe(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public const string EndpointHeader = "x-test-endpoint";
    public const string ProbeHeader = "x-test-probe";

    public static void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        services.Remove(original);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new AuthorizationProbe(original.ImplementationInstance as IAuthorizationMiddlewareResultHandler
            ?? (IAuthorizationMiddlewareResultHandler)(original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
    }

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!context.Request.Headers.ContainsKey(ProbeHeader))
        {
            return inner.HandleAsync(next, context, policy, authorizeResult);
        }

        context.Response.Headers[EndpointHeader] = context.GetEndpoint()?.DisplayName ?? "";
        if (authorizeResult.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
