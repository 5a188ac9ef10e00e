using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Answers the admin API's refusals as ProblemDetails: 404 when the caller may not see the route's tenant (so another
/// tenant's objects look absent rather than forbidden), 403 when their role is not enough. Everything else — challenges
/// (401), successes and the policies of other parts of a composed host — goes to the default handler.
/// </summary>
internal sealed class AdminAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !policy.AuthenticationSchemes.Contains(AuthSchemes.Switchyard))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
        var problem = failed.Contains(TenantAccessRequirement.Instance)
            ? Problems.NotFound("The tenant")
            : Problems.Forbidden(failed.Contains(UndeclaredRequirement.Instance)
                ? "This endpoint declares no access policy, so it is refused."
                : "Your role does not allow this.");
        return problem.ExecuteAsync(context);
    }
}
