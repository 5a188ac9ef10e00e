namespace Switchyard.ControlPlane.Features.Usage;

public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder tenant)
    {
        var usage = tenant.MapGroup("/usage").WithTags("Usage");
        usage.MapGet("/", ListUsage.HandleAsync).WithName("ListUsage");
        usage.MapGet("/by-key", GetUsageByKey.HandleAsync).WithName("GetUsageByKey");
        return tenant;
    }
}
