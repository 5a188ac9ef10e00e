using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

public static class ApprovedModelsEndpoints
{
    /// <summary>/api/platform/approved-models: anyone signed in reads, platform admins write.</summary>
    public static IEndpointRouteBuilder MapApprovedModelsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/platform/approved-models").WithTags("Platform").RequireAuthorization(AdminPolicies.SignedIn)
            .MapGet("/", ListApprovedModels.HandleAsync).WithName("ListApprovedModels");
        var admins = api.MapGroup("/platform/approved-models").WithTags("Platform").RequireAuthorization(AdminPolicies.PlatformAdmin);
        admins.MapPost("/", CreateApprovedModel.HandleAsync).WithName("CreateApprovedModel");
        admins.MapDelete("/{id:guid}", DeleteApprovedModel.HandleAsync).WithName("DeleteApprovedModel");
        return api;
    }
}
