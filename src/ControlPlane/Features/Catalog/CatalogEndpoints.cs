using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Catalog;

public static class CatalogEndpoints
{
    /// <summary>Admin API: /api/catalog/models and /api/catalog/resolve, open to every signed-in caller.</summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog").RequireAuthorization(AdminPolicies.SignedIn);
        catalog.MapGet("/models", ListCatalogModels.HandleAsync).WithName("ListCatalogModels")
            .WithSummary("The built-in model catalog")
            .WithDescription("Capabilities of well-known upstream models by model id prefix (longest prefix wins), with the price in effect. "
                + "Unknown models get permissive defaults; a route deployment can override the capabilities.");
        catalog.MapGet("/resolve", ResolveCatalogModel.Handle).WithName("ResolveCatalogModel")
            .WithSummary("The capabilities a deployment gets without an override")
            .WithDescription("Resolves a provider kind and upstream model id against the built-in catalog.");
        return api;
    }
}
