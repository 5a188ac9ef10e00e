using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Hands every SaveChanges made during a mutating admin API call to the call's <see cref="AdminAuditScope"/> (set on the
/// request's features by <see cref="AdminAuditFilter"/>), before the values are written, so the original values are
/// still known. Outside such a call (ingestion, jobs, reads) it does nothing.
/// </summary>
public sealed class AdminAuditInterceptor(IHttpContextAccessor accessor) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && accessor.HttpContext?.Features.Get<AdminAuditScope>() is { } scope)
        {
            scope.Capture(context.ChangeTracker);
        }
    }
}
