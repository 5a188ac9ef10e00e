using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

public static class BudgetsEndpoints
{
    /// <summary>/api/tenants/{tenantId}/budgets: status and alerts for members, the alert webhook for tenant admins.</summary>
    public static IEndpointRouteBuilder MapBudgetsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/budgets").WithTags("Budgets").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListBudgets.HandleAsync).WithName("ListBudgets");
        members.MapGet("/alerts", ListBudgetAlerts.HandleAsync).WithName("ListBudgetAlerts");
        var admins = tenant.MapGroup("/budgets/settings").WithTags("Budgets").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapGet("/", GetBudgetSettings.HandleAsync).WithName("GetBudgetSettings");
        admins.MapPut("/", UpdateBudgetSettings.HandleAsync).WithName("UpdateBudgetSettings");
        return tenant;
    }

    /// <summary>Node-facing (node secret): the current periods' spend, for nodes keeping budget counters in memory.</summary>
    public static IEndpointRouteBuilder MapBudgetNodeEndpoints(this IEndpointRouteBuilder root)
    {
        root.MapGroup("").AddEndpointFilter<NodeSecretFilter>().ExcludeFromDescription()
            .MapGet(InternalRoutes.BudgetSpend, GetNodeBudgetSpend.HandleAsync);
        return root;
    }
}
