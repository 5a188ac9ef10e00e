using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Answers the admin API's refusals as ProblemDetails: 404 when the caller may not see the route's tenant (so another
/// tenant's objects look absent rather than forbidden), 403 when their role is not enough. Everything else — challenges
/// (401), successes and the policies of other parts of a composed host — goes to the default handler. A signed-in caller's
/// 403 under /api is recorded as an admin audit entry with the outcome <c>denied</c> (<see cref="AdminAuditWriter"/>), before
/// it is answered; if that write fails it is logged and the 403 stands.
/// </summary>
internal sealed partial class AdminAuthorizationResultHandler(IServiceProvider services, ILogger<AdminAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && policy.AuthenticationSchemes.Contains(AuthSchemes.Switchyard)
            && !(authorizeResult.AuthorizationFailure?.FailedRequirements ?? []).Contains(TenantAccessRequirement.Instance)
            && context.Request.Path.StartsWithSegments("/api") && Caller.FromPrincipal(context.User) is { } caller
            && services.GetService<AdminAuditWriter>() is { } writer)
        {
            AdminAuditAttempt.MarkRecorded(context);
            try
            {
                await writer.WriteAsync(writer.Create(context, AdminAuditActor.Of(context, caller), StatusCodes.Status403Forbidden, AdminAuditOutcomes.Denied));
            }
            catch (Exception ex)
            {
                LogDeniedNotAudited(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
            }
        }

        await AnswerAsync(next, context, policy, authorizeResult);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The admin audit entry of the refused call {Method} {Path} could not be written")]
    private static partial void LogDeniedNotAudited(ILogger logger, Exception exception, string method, string path);

    private Task AnswerAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
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
