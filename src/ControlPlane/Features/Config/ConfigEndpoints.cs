using Switchyard.ControlPlane.Features.Auth;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Config;

public static class ConfigEndpoints
{
    /// <summary>Admin API: /api/config/revision (signed in) and /api/nodes (platform admins).</summary>
    public static IEndpointRouteBuilder MapConfigEndpoints(this IEndpointRouteBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Config").RequireAuthorization(AdminPolicies.SignedIn);
        config.MapGet("/revision", GetConfigRevision.HandleAsync).WithName("GetConfigRevision");

        var nodes = api.MapGroup("/nodes").WithTags("Config").RequireAuthorization(AdminPolicies.PlatformAdmin);
        nodes.MapGet("", ListNodes.HandleAsync).WithName("ListNodes");
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
