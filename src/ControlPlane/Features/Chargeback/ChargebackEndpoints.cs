using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Chargeback;

public static class ChargebackEndpoints
{
    /// <summary>/api/tenants/{tenantId}/chargeback: finance members, tenant admins and platform admins.</summary>
    public static IEndpointRouteBuilder MapChargebackEndpoints(this IEndpointRouteBuilder tenant)
    {
        var finance = tenant.MapGroup("/chargeback").WithTags("Chargeback").RequireAuthorization(AdminPolicies.TenantFinance);
        finance.MapGet("/", GetChargeback.HandleAsync).WithName("GetChargeback");
        finance.MapGet("/statements", ListStatements.HandleAsync).WithName("ListChargebackStatements");
        finance.MapGet("/statements/{statementId:guid}", GetStatement.HandleAsync).WithName("GetChargebackStatement");
        finance.MapGet("/statements/{statementId:guid}/lines/{lineId:guid}/requests", ListStatementLineRequests.HandleAsync).WithName("ListChargebackLineRequests");
        return tenant;
    }
}
