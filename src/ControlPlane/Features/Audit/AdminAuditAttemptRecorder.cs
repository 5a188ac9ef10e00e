using System.Security.Claims;
using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Writes the entry of a mutating admin call that nothing recorded (<see cref="AdminAuditAttempt"/>): the caller, the
/// endpoint, the status and its outcome (never the body), on the route tenant's chain, in a transaction of its own.
/// Calls that reached no endpoint, anonymous callers and callers of a tenant they may not see are not recorded (as elsewhere).
/// </summary>
internal sealed class AdminAuditAttemptRecorder(AdminAuditWriter writer, ILogger<AdminAuditAttemptRecorder> logger)
{
    /// <summary>Marks the attempt recorded and writes its entry; false when the entry could not be written (logged).</summary>
    public async Task<bool> RecordAsync(HttpContext context, AdminAuditAttempt attempt, int status)
    {
        attempt.Recorded = true;
        if (context.GetEndpoint() is null || Actor(context, attempt.Principal) is not { } actor)
        {
            return true;
        }

        try
        {
            await writer.WriteAsync(writer.Create(context, actor, status, AdminAuditOutcomes.ForStatus(status)));
            return true;
        }
        catch (Exception ex)
        {
            AuditLog.AdminEntryNotWritten(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
            return false;
        }
    }

    private static AdminAuditActor? Actor(HttpContext context, ClaimsPrincipal? principal)
    {
        if (context.Features.Get<AdminAuditActor>() is { } set)
        {
            return set;
        }

        var caller = Caller.FromPrincipal(context.User) ?? (principal is null ? null : Caller.FromPrincipal(principal));
        var tenant = AdminAuditWriter.TenantOf(context);
        return caller is null || (tenant != Guid.Empty && !caller.CanSeeTenant(tenant)) ? null : AdminAuditActor.Of(context, caller);
    }
}
