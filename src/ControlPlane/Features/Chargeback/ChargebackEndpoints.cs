using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Chargeback;

public static class ChargebackEndpoints
{
    /// <summary>/api/tenants/{tenantId}/chargeback: finance members, tenant admins and platform admins read; tenant admins set the shared cost.</summary>
    public static IEndpointRouteBuilder MapChargebackEndpoints(this IEndpointRouteBuilder tenant)
    {
        var finance = tenant.MapGroup("/chargeback").WithTags("Chargeback").RequireAuthorization(AdminPolicies.TenantFinance);
        finance.MapGet("/", GetChargeback.HandleAsync).WithName("GetChargeback");
        finance.MapGet("/settings", GetChargebackSettings.HandleAsync).WithName("GetChargebackSettings");
        tenant.MapGroup("/chargeback").WithTags("Chargeback").RequireAuthorization(AdminPolicies.TenantAdmin)
            .MapPut("/settings", UpdateChargebackSettings.HandleAsync).WithName("UpdateChargebackSettings");
        finance.MapGet("/statements", ListStatements.HandleAsync).WithName("ListChargebackStatements");
        finance.MapGet("/statements/{statementId:guid}", GetStatement.HandleAsync).WithName("GetChargebackStatement");
        finance.MapGet("/statements/{statementId:guid}/lines/{lineId:guid}/requests", ListStatementLineRequests.HandleAsync).WithName("ListChargebackLineRequests");
        return tenant;
    }
}
