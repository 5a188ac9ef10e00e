using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Scim;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Records every mutating call (POST, PUT, PATCH, DELETE) of a signed-in caller to the admin API — the portal's included,
/// since it calls the same API — and of an identity provider to SCIM as an <see cref="AuditAdminEntry"/>: who
/// (<see cref="AdminAuditActor"/>: <see cref="Caller.Audit"/>, or the SCIM token), the endpoint,
/// the object, the source address and how it ended, on the route tenant's admin chain (platform-level calls:
/// <see cref="Guid.Empty"/>). A call that saves changes gets its entry in the same transaction as them
/// (<see cref="AdminAuditInterceptor"/>, outcome <c>saved</c>); a call that saved nothing (refused, failed, or nothing to
/// change) gets one here, after it, in a transaction of its own, before its answer goes out — if that write fails, the
/// call answers 503 instead (it saved nothing, so it can be retried; the missing entry is logged). Every admin change
/// goes through SaveChanges for this reason (no ExecuteUpdate/ExecuteDelete in admin calls). Calls refused by
/// authorisation (403) are recorded by <see cref="AdminAuthorizationResultHandler"/>, calls refused before the filter
/// runs by <see cref="AdminAuditAttemptMiddleware"/>.
/// </summary>
public sealed class AdminAuditFilter(AdminAuditWriter writer, ILogger<AdminAuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || AdminAuditActor.Of(http) is not { } actor)
        {
            return await next(context);
        }

        AdminAuditAttempt.MarkRecorded(http);
        var scope = new AdminAuditScope(actor);
        http.Features.Set(scope);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            // A SCIM refusal is an exception answered in SCIM's shape by its handler: recorded as refused, not failed.
            _ = await WriteAsync(http, scope, ex is ScimException scim ? scim.Status : StatusCodes.Status500InternalServerError);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            throw;
        }

        return await WriteAsync(http, scope, StatusOf(result, http)) ? result : AdminAuditUnavailable.Result();
    }

    private static int StatusOf(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            if (result is IStatusCodeHttpResult { StatusCode: { } outer })
            {
                return outer;
            }

            result = nested.Result;
        }

        return result is IStatusCodeHttpResult { StatusCode: { } status } ? status : http.Response.StatusCode;
    }

    /// <summary>Writes the entry of a call that saved nothing; false when it could not be written (logged).</summary>
    private async Task<bool> WriteAsync(HttpContext http, AdminAuditScope scope, int status)
    {
        http.Features.Set<AdminAuditScope>(null);
        if (scope.Written > 0)
        {
            return true;
        }

        try
        {
            await writer.WriteAsync(writer.Create(http, scope.Actor, status, AdminAuditOutcomes.ForStatus(status), objectType: scope.ObjectType, objectId: scope.ObjectId));
            return true;
        }
        catch (Exception ex)
        {
            AuditLog.AdminEntryNotWritten(logger, ex, http.Request.Method, http.Request.Path.Value ?? "");
            return false;
        }
    }
}
