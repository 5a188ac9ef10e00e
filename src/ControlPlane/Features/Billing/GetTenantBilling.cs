using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// GET /api/tenants/{tenantId}/billing (tenant admins and finance): the current UTC month's running total in the
/// meter's unit and in USD of cost (from the hourly rollups, the open hour included), what of it Stripe received, the
/// standing and the invoices (newest first, at most 24); 404 when billing is off.
/// </summary>
public static class GetTenantBilling
{
    public static async Task<Results<Ok<TenantBillingDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return BillingProblems.Off();
        }

        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddMonths(1);
        var rows = db.UsageRollups.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= start && r.Start < end);
        var cost = await rows.SumAsync(r => (long?)r.CostMicros, cancellationToken) ?? 0;
        var total = o.MeterUnit == BillingMeterUnit.Tokens ? await rows.SumAsync(r => (long?)(r.InputTokens + r.OutputTokens), cancellationToken) ?? 0 : cost;
        var sent = await db.BillingMeterSends.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.State == BillingSendState.Sent && s.HourStart >= start && s.HourStart < end)
            .SumAsync(s => (long?)s.Value, cancellationToken) ?? 0;
        var account = await db.BillingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenantId, cancellationToken);
        var standing = await db.TenantBillingStates.AsNoTracking().Where(s => s.TenantId == tenantId).Select(s => (Shared.Configuration.TenantBillingStatus?)s.Status)
            .FirstOrDefaultAsync(cancellationToken);
        var invoices = await db.BillingInvoices.AsNoTracking().Where(i => i.TenantId == tenantId)
            .OrderByDescending(i => i.PeriodStart).ThenByDescending(i => i.EventAt).Take(24).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TenantBillingDto(
            tenantId, account?.StripeSubscriptionId is not null, TenantStanding.Describe(standing), start, end, o.MeterUnit.ToString(),
            total, cost / 1_000_000m, sent, account?.LastSyncAt, invoices.ConvertAll(i => i.ToDto())));
    }
}
