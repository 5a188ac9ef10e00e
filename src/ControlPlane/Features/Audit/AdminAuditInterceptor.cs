using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Writes the admin audit entry of a mutating admin API call in the same transaction as its changes: every SaveChanges
/// made during such a call (<see cref="AdminAuditScope"/> on the request's features, set by <see cref="AdminAuditFilter"/>)
/// that adds, modifies or deletes audited rows gets one entry with those rows' values before and after (read before they
/// are written, so the originals are still known), appended to the tenant's admin chain under its lock. Inside the
/// caller's transaction (config changes bring their own) the entry simply joins it; otherwise a transaction is begun for
/// the SaveChanges and committed after it. A crash or a failed write thus loses or keeps the change and its entry together.
/// Outside such a call (ingestion, jobs, reads) it does nothing.
/// </summary>
public sealed class AdminAuditInterceptor(IHttpContextAccessor accessor, AdminAuditWriter writer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeAsync(eventData, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeAsync(eventData, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterAsync(eventData.Context, saved: true).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterAsync(eventData.Context, saved: true);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AfterAsync(eventData.Context, saved: false).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AfterAsync(eventData.Context, saved: false);

    private async Task BeforeAsync(DbContextEventData eventData, CancellationToken cancellationToken)
    {
        if (eventData.Context is not ControlPlaneDbContext db || accessor.HttpContext is not { } http
            || http.Features.Get<AdminAuditScope>() is not { } scope)
        {
            return;
        }

        var changes = scope.Capture(db.ChangeTracker);
        if (changes.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var entry = writer.Create(http, scope.Actor, AdminAuditWriter.SuccessStatusOf(http), AdminAuditOutcomes.Saved, changes, scope.ObjectType, scope.ObjectId);
        scope.Pending[db] = (entry, transaction);
        await AdminAuditWriter.AppendAsync(db, entry, cancellationToken);
    }

    private async Task AfterAsync(DbContext? context, bool saved)
    {
        if (context is null || accessor.HttpContext?.Features.Get<AdminAuditScope>() is not { } scope || !scope.Pending.Remove(context, out var pending))
        {
            return;
        }

        if (saved)
        {
            if (pending.Transaction is { } own)
            {
                // Not the caller's cancellation: the change and its entry are saved, they commit together.
                await own.CommitAsync(CancellationToken.None);
                await own.DisposeAsync();
            }

            scope.Written++;
            return;
        }

        // The SaveChanges failed (and may be retried): forget the entry and the chain head it moved, so a retry starts afresh.
        context.Entry(pending.Entry).State = EntityState.Detached;
        foreach (var head in context.ChangeTracker.Entries<AuditChain>().ToList())
        {
            head.State = EntityState.Detached;
        }

        if (pending.Transaction is { } transaction)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
        }
    }
}
