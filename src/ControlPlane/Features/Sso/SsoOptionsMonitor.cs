using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// Gives <see cref="TenantOidcHandler"/> a fresh <see cref="OpenIdConnectOptions"/> instance (configured and
/// post-configured like any other) for each request under <c>/api/auth/sso</c>, so the handler can fill in that request's
/// tenant without touching any other request's options; every other request gets the shared, inert instance.
/// </summary>
internal sealed class SsoOptionsMonitor(
    IOptionsFactory<OpenIdConnectOptions> factory, IOptionsMonitor<OpenIdConnectOptions> inner, IHttpContextAccessor accessor)
    : IOptionsMonitor<OpenIdConnectOptions>
{
    public OpenIdConnectOptions CurrentValue => inner.CurrentValue;

    public OpenIdConnectOptions Get(string? name) =>
        name == SsoDefaults.Scheme && accessor.HttpContext is { } context && SsoPaths.IsSsoPath(context.Request.Path)
            ? factory.Create(name)
            : inner.Get(name);

    public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => inner.OnChange(listener);
}
