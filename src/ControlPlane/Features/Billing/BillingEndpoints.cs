using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Billing;

public static class BillingEndpoints
{
    /// <summary>The Stripe webhook (anonymous, signature-verified) and the platform admins' billing overview and tenant linking.</summary>
    public static IEndpointRouteBuilder MapBillingEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/billing/stripe").WithTags("Billing").AllowAnonymous()
            .MapPost("/webhook", ReceiveStripeWebhook.HandleAsync).WithName("ReceiveStripeWebhook");
        var platform = api.MapGroup("/platform/billing").WithTags("Billing").RequireAuthorization(AdminPolicies.PlatformAdmin);
        platform.MapGet("/", GetPlatformBilling.HandleAsync).WithName("GetPlatformBilling");
        platform.MapPost("/tenants/{tenantId:guid}/link", LinkTenant.HandleAsync).WithName("LinkTenantToStripe");
        platform.MapGet("/failed-payment-rule", GetFailedPaymentRule.HandleAsync).WithName("GetFailedPaymentRule");
        platform.MapPut("/failed-payment-rule", UpdateFailedPaymentRule.HandleAsync).WithName("UpdateFailedPaymentRule");
        return api;
    }

    /// <summary>/api/tenants/{tenantId}/billing: the tenant's running total and invoices (tenant admins and finance).</summary>
    public static IEndpointRouteBuilder MapTenantBillingEndpoints(this IEndpointRouteBuilder tenant)
    {
        tenant.MapGroup("/billing").WithTags("Billing").RequireAuthorization(AdminPolicies.TenantFinance)
            .MapGet("/", GetTenantBilling.HandleAsync).WithName("GetTenantBilling");
        return tenant;
    }
}
