using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Usage;

public static class UsageRecoveryEndpoints
{
    /// <summary>Maps /api/usage: dead-lettered batches and quarantined records of every tenant, platform admins only.</summary>
    public static IEndpointRouteBuilder MapUsageRecoveryEndpoints(this IEndpointRouteBuilder api)
    {
        var usage = api.MapGroup("/usage").WithTags("UsageRecovery").RequireAuthorization(AdminPolicies.PlatformAdmin);
        usage.MapGet("/dead-letters", ListUsageDeadLetters.HandleAsync).WithName("ListUsageDeadLetters");
        usage.MapGet("/dead-letters/{batchId:guid}", GetUsageDeadLetter.HandleAsync).WithName("GetUsageDeadLetter");
        usage.MapPost("/dead-letters/{batchId:guid}/replay", ReplayUsageDeadLetter.HandleAsync).WithName("ReplayUsageDeadLetter");
        usage.MapGet("/quarantine", ListQuarantinedUsage.HandleAsync).WithName("ListQuarantinedUsage");
        usage.MapPost("/quarantine/{recordId:guid}/replay", ReplayQuarantinedUsage.HandleAsync).WithName("ReplayQuarantinedUsage");
        return api;
    }
}
