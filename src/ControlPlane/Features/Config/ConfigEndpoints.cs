using Switchyard.ControlPlane.Features.Auth;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Config;

public static class ConfigEndpoints
{
    /// <summary>Admin API: /api/config/revision and /api/nodes.</summary>
    public static IEndpointRouteBuilder MapConfigEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/config/revision", GetConfigRevision.HandleAsync).WithTags("Config").WithName("GetConfigRevision");
        api.MapGet("/nodes", ListNodes.HandleAsync).WithTags("Config").WithName("ListNodes").RequireAuthorization(AuthSchemes.PlatformAdminPolicy);
        return api;
    }

    /// <summary>Node-facing endpoints, authenticated with the node secret only (no cookies, no Identity).</summary>
    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder root)
    {
        var node = root.MapGroup("").AddEndpointFilter<NodeSecretFilter>().ExcludeFromDescription();
        node.MapGet(InternalRoutes.Snapshot, GetSnapshot.HandleAsync);
        node.MapGet(InternalRoutes.Revision, GetRevisionInfo.HandleAsync);
        return root;
    }
}
