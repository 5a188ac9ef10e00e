using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Audit;

public static class AuditEndpoints
{
    /// <summary>/api/tenants/{tenantId}/audit: auditors, tenant admins and platform admins read; tenant admins delete the data key.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder tenant)
    {
        var auditors = tenant.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AdminPolicies.TenantAuditor);
        auditors.MapGet("/", ListAuditEntries.HandleAsync).WithName("ListAuditEntries");
        auditors.MapGet("/verify", VerifyAuditChains.HandleAsync).WithName("VerifyAuditChains");
        auditors.MapGet("/export", ExportAuditEntries.HandleAsync).WithName("ExportAuditEntries");
        auditors.MapGet("/{entryId:guid}", GetAuditEntry.HandleAsync).WithName("GetAuditEntry");
        tenant.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AdminPolicies.TenantAdmin)
            .MapDelete("/key", DeleteAuditDataKey.HandleAsync).WithName("DeleteAuditDataKey");
        return tenant;
    }

    /// <summary>/api/platform/audit: platform admins verify the platform-level admin chain.</summary>
    public static IEndpointRouteBuilder MapPlatformAuditEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/platform/audit").WithTags("Audit").RequireAuthorization(AdminPolicies.PlatformAdmin)
            .MapGet("/verify", VerifyPlatformAuditChain.HandleAsync).WithName("VerifyPlatformAuditChain");
        return api;
    }
}
