using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Pricing;

public static class PricingEndpoints
{
    /// <summary>/api/catalog/prices (signed in), /api/platform/prices (platform admins), /api/tenants/{tenantId}/pricing.</summary>
    public static IEndpointRouteBuilder MapPricingEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/catalog").WithTags("Catalog").RequireAuthorization(AdminPolicies.SignedIn)
            .MapGet("/prices", ListModelPrices.HandleAsync).WithName("ListModelPrices")
            .WithSummary("The pricing catalog: admin price versions and built-in list prices (USD per million tokens)");
        api.MapGroup("/platform/prices").WithTags("Platform").RequireAuthorization(AdminPolicies.PlatformAdmin)
            .MapPost("/", CreateModelPrice.HandleAsync).WithName("CreateModelPrice");
        return api;
    }

    public static IEndpointRouteBuilder MapTenantPricingEndpoints(this IEndpointRouteBuilder tenant)
    {
        tenant.MapGroup("/pricing").WithTags("Pricing").RequireAuthorization(AdminPolicies.TenantMember)
            .MapGet("/", GetTenantPricing.HandleAsync).WithName("GetTenantPricing");
        tenant.MapGroup("/pricing").WithTags("Pricing").RequireAuthorization(AdminPolicies.PlatformAdmin)
            .MapPut("/", UpdateTenantPricing.HandleAsync).WithName("UpdateTenantPricing");
        return tenant;
    }
}
