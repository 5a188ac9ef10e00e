using Switchyard.ControlPlane.Features.Audit;

namespace Switchyard.ControlPlane.Features.Scim;

public static class ScimEndpoints
{
    /// <summary>The SCIM 2.0 base path; the base URL an identity provider is given is the control plane's URL plus this.</summary>
    public const string BasePath = "/scim/v2";

    /// <summary>
    /// Maps /scim/v2 (RFC 7644): Users, Groups and the discovery resources, every one authenticated by a tenant's SCIM
    /// token (<see cref="ScimTokenMiddleware"/>, under the whole path) and confined to that tenant. Not part of the admin API's OpenAPI document.
    /// Every change is in the tenant's admin audit log like an admin API call's (<see cref="AdminAuditFilter"/>), its
    /// actor the SCIM token (<c>scim-token:&lt;id&gt;</c>). A change's entry is written with it, before the handler answers,
    /// with the success status the endpoint declares (<see cref="AdminAuditWriter.SuccessStatusOf"/>): the creates declare
    /// their 201, as their SCIM resource results (unlike <c>Created</c>) declare none.
    /// </summary>
    public static IEndpointRouteBuilder MapScimEndpoints(this IEndpointRouteBuilder root)
    {
        var scim = root.MapGroup(BasePath).WithTags("Scim").AuditAdminActions();
        scim.MapGet("/ServiceProviderConfig", ScimDiscovery.ServiceProviderConfig).WithName("ScimServiceProviderConfig");
        scim.MapGet("/ResourceTypes", ScimDiscovery.ResourceTypes).WithName("ScimResourceTypes");
        scim.MapGet("/Schemas", ScimDiscovery.Schemas).WithName("ScimSchemas");

        scim.MapGet("/Users", ListScimUsers.HandleAsync).WithName("ScimListUsers");
        scim.MapPost("/Users", CreateScimUser.HandleAsync).WithName("ScimCreateUser").Produces(StatusCodes.Status201Created, contentType: ScimResults.ContentType);
        scim.MapGet("/Users/{id}", GetScimUser.HandleAsync).WithName("ScimGetUser");
        scim.MapPut("/Users/{id}", ReplaceScimUser.HandleAsync).WithName("ScimReplaceUser");
        scim.MapPatch("/Users/{id}", PatchScimUser.HandleAsync).WithName("ScimPatchUser");
        scim.MapDelete("/Users/{id}", DeleteScimUser.HandleAsync).WithName("ScimDeleteUser");

        scim.MapGet("/Groups", ListScimGroups.HandleAsync).WithName("ScimListGroups");
        scim.MapPost("/Groups", CreateScimGroup.HandleAsync).WithName("ScimCreateGroup").Produces(StatusCodes.Status201Created, contentType: ScimResults.ContentType);
        scim.MapGet("/Groups/{id}", GetScimGroup.HandleAsync).WithName("ScimGetGroup");
        scim.MapPut("/Groups/{id}", ReplaceScimGroup.HandleAsync).WithName("ScimReplaceGroup");
        scim.MapPatch("/Groups/{id}", PatchScimGroup.HandleAsync).WithName("ScimPatchGroup");
        scim.MapDelete("/Groups/{id}", DeleteScimGroup.HandleAsync).WithName("ScimDeleteGroup");
        return root;
    }
}
