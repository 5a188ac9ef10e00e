using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Daily: removes each tenant's audit entries older than its retention (<c>audit.retentionDays</c>, else
/// <c>Audit:RetentionDays</c>) from the start of each chain, and moves the chain's anchor to the last entry removed, so
/// the chain still verifies from its first kept entry and removing any other entry is still detected. A chain is cut
/// before its first entry that is still within retention (entries are in sequence order, not always in time order).
/// </summary>
public sealed class AuditRetentionJob(ControlPlaneDbContext db, IOptions<AuditOptions> options, TimeProvider time)
{
    public const string Id = "switchyard-audit-retention";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retention = await db.Tenants.AsNoTracking().Where(t => t.Audit != null).Select(t => new { t.Id, t.Audit }).ToListAsync(cancellationToken);
        var days = retention.Where(t => t.Audit!.RetentionDays is not null).ToDictionary(t => t.Id, t => t.Audit!.RetentionDays!.Value);
        var chains = await db.Set<AuditChain>().AsNoTracking().ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var chain in chains)
        {
            var cutoff = now.AddDays(-days.GetValueOrDefault(chain.TenantId, options.Value.RetentionDays));
            removed += await PurgeAsync(chain, cutoff, cancellationToken);
        }

        return removed;
    }

    private async Task<int> PurgeAsync(AuditChain chain, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var head = await AuditChains.LockAsync(db, chain.TenantId, chain.Kind, chain.NodeId, cancellationToken);
            var admin = chain.Kind == AuditChainKinds.Admin;
            var requests = db.Set<AuditRequestEntry>().Where(e => e.TenantId == chain.TenantId && e.NodeId == chain.NodeId);
            var actions = db.Set<AuditAdminEntry>().Where(e => e.TenantId == chain.TenantId);
            var firstKept = admin
                ? await actions.Where(e => e.Timestamp >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken)
                : await requests.Where(e => e.Timestamp >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken);
            var last = (firstKept ?? head.LastSequence + 1) - 1;
            if (last <= head.AnchorSequence)
            {
                return 0;
            }

            var anchor = admin
                ? await actions.Where(e => e.Sequence == last).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken)
                : await requests.Where(e => e.Sequence == last).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return 0; // the chain is broken there already: leave it for verification to report
            }

            var removed = admin
                ? await actions.Where(e => e.Sequence <= last).ExecuteDeleteAsync(cancellationToken)
                : await requests.Where(e => e.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
            head.AnchorSequence = last;
            head.AnchorHash = anchor;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return removed;
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }
}
