using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Invitations;

public static class InvitationsEndpoints
{
    /// <summary>/api/tenants/{tenantId}/invitations (tenant admins): invite, list pending, revoke.</summary>
    public static IEndpointRouteBuilder MapInvitationsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var admins = tenant.MapGroup("/invitations").WithTags("Invitations").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreateInvitation.HandleAsync).WithName("CreateInvitation");
        admins.MapGet("/", ListInvitations.HandleAsync).WithName("ListInvitations");
        admins.MapDelete("/{invitationId:guid}", RevokeInvitation.HandleAsync).WithName("RevokeInvitation");
        return tenant;
    }

    /// <summary>/api/invitations/{token} (anonymous, throttled with sign-in): the invitation page's preview and acceptance.</summary>
    public static IEndpointRouteBuilder MapInvitationLinkEndpoints(this IEndpointRouteBuilder api)
    {
        var links = api.MapGroup("/invitations").WithTags("Invitations").AllowAnonymous().RequireRateLimiting(SignInRateLimiterPolicy.Name);
        links.MapGet("/{token}", GetInvitation.HandleAsync).WithName("GetInvitation");
        links.MapPost("/{token}/accept", AcceptInvitation.HandleAsync).WithName("AcceptInvitation");
        return api;
    }
}
