namespace Switchyard.ControlPlane.Features.Members;

public static class MembersEndpoints
{
    public static IEndpointRouteBuilder MapMembersEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/members").WithTags("Members");
        members.MapGet("/", ListMembers.HandleAsync).WithName("ListMembers");
        members.MapPost("/", CreateMember.HandleAsync).WithName("CreateMember");
        members.MapPatch("/{memberId:guid}", UpdateMember.HandleAsync).WithName("UpdateMember");
        members.MapDelete("/{memberId:guid}", DeleteMember.HandleAsync).WithName("DeleteMember");
        return tenant;
    }
}
