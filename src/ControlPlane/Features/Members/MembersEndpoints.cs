using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Members;

public static class MembersEndpoints
{
    /// <summary>/api/tenants/{tenantId}/members: members read, tenant admins write.</summary>
    public static IEndpointRouteBuilder MapMembersEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/members").WithTags("Members").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListMembers.HandleAsync).WithName("ListMembers");

        var admins = tenant.MapGroup("/members").WithTags("Members").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreateMember.HandleAsync).WithName("CreateMember");
        admins.MapPatch("/{memberId:guid}", UpdateMember.HandleAsync).WithName("UpdateMember");
        admins.MapDelete("/{memberId:guid}", DeleteMember.HandleAsync).WithName("DeleteMember");
        return tenant;
    }
}
