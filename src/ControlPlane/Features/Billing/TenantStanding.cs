using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// A tenant's billing standing (<see cref="TenantBillingState"/>): a failed payment starts a grace period of the
/// <see cref="FailedPaymentRule"/>'s days (none: suspended at once) when the rule says suspend; a paid invoice
/// restores good standing. Changes are saved by the caller and bump the config revision, so the nodes follow.
/// </summary>
public sealed class TenantStanding(ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, TimeProvider time, ILogger<TenantStanding> logger)
{
    public async Task PaymentFailedAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var o = await FailedPaymentRule.CurrentAsync(db, options.Value, cancellationToken);
        if (o.Action != FailedPaymentAction.Suspend
            || await db.TenantBillingStates.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenantId, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var status = o.GraceDays == 0 ? TenantBillingStatus.Suspended : TenantBillingStatus.GracePeriod;
        db.TenantBillingStates.Add(new TenantBillingState
        {
            TenantId = tenantId, Status = status, Since = now, GraceEndsAt = status == TenantBillingStatus.GracePeriod ? now.AddDays(o.GraceDays) : null,
        });
        BillingLog.StandingChanged(logger, tenantId, status.ToString());
    }

    public async Task RestoreAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var state = await db.TenantBillingStates.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (state is not null)
        {
            db.TenantBillingStates.Remove(state);
            BillingLog.StandingChanged(logger, tenantId, "GoodStanding");
        }
    }

    /// <summary>Suspends the tenants whose grace period has ended; saves.</summary>
    public async Task<int> SuspendExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await db.TenantBillingStates.IgnoreQueryFilters()
            .Where(s => s.Status == TenantBillingStatus.GracePeriod && s.GraceEndsAt <= now).ToListAsync(cancellationToken);
        foreach (var state in expired)
        {
            state.Status = TenantBillingStatus.Suspended;
            state.Since = now;
            BillingLog.StandingChanged(logger, state.TenantId, state.Status.ToString());
        }

        if (expired.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return expired.Count;
    }

    public static string Describe(TenantBillingStatus? status) => status switch
    {
        TenantBillingStatus.GracePeriod => "grace-period",
        TenantBillingStatus.Suspended => "suspended",
        _ => "good",
    };
}
