namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>The redirect (callback) URI of a tenant's sign-in as this control plane is reached by the current request.</summary>
public static class SsoRedirectUri
{
    public static string For(HttpRequest request, Guid tenantId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{SsoDefaults.CallbackPath(tenantId)}";
}
