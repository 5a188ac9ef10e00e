namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// The identity provider calling SCIM, as <see cref="ScimTokenMiddleware"/> authenticated it: the token's tenant, and the
/// base URL resources' locations are built on. Bind it as an endpoint parameter.
/// </summary>
public sealed record ScimClient(Guid TenantId, Guid TokenId, string BaseUrl)
{
    public static ValueTask<ScimClient?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<ScimClient>());

    public string UserLocation(Guid id) => $"{BaseUrl}/Users/{id:D}";

    public string GroupLocation(Guid id) => $"{BaseUrl}/Groups/{id:D}";
}
