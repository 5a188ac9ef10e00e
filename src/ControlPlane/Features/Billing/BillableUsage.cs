using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// A tenant's billable usage per hour in the meter's unit, read from the hourly rollups (kept in the transaction that
/// stores the usage records, so they equal the ledger), and what was sent to Stripe for those hours.
/// </summary>
internal static class BillableUsage
{
    /// <summary>Stripe takes meter events at most 35 days old; billing looks back a day less.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(34);

    public static async Task<Dictionary<DateTimeOffset, long>> LedgerAsync(
        ControlPlaneDbContext db, Guid tenantId, DateTimeOffset from, DateTimeOffset to, BillingMeterUnit unit, CancellationToken cancellationToken)
    {
        var rows = db.UsageRollups.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Granularity == RollupGranularity.Hour && r.Start >= from && r.Start < to);
        var hours = unit == BillingMeterUnit.Tokens
            ? rows.GroupBy(r => r.Start).Select(g => new { g.Key, Value = g.Sum(r => r.InputTokens + r.OutputTokens) })
            : rows.GroupBy(r => r.Start).Select(g => new { g.Key, Value = g.Sum(r => r.CostMicros) });
        return (await hours.ToListAsync(cancellationToken)).ToDictionary(h => h.Key, h => h.Value);
    }

    /// <param name="sentOnly">Only events Stripe confirmed (reconciliation); otherwise pending ones too (the sync).</param>
    public static async Task<Dictionary<DateTimeOffset, (long Value, int Version)>> SentAsync(
        ControlPlaneDbContext db, Guid tenantId, DateTimeOffset from, DateTimeOffset to, bool sentOnly, CancellationToken cancellationToken)
    {
        var rows = db.BillingMeterSends.AsNoTracking().Where(s => s.TenantId == tenantId && s.HourStart >= from && s.HourStart < to);
        if (sentOnly)
        {
            rows = rows.Where(s => s.State == BillingSendState.Sent);
        }

        var hours = await rows.GroupBy(s => s.HourStart)
            .Select(g => new { g.Key, Value = g.Sum(s => s.Value), Version = g.Max(s => s.Version) })
            .ToListAsync(cancellationToken);
        return hours.ToDictionary(h => h.Key, h => (h.Value, h.Version));
    }

    /// <summary>The start of the first hour not yet closed: hours before it ended at least <paramref name="settle"/> ago.</summary>
    public static DateTimeOffset ClosedBefore(DateTimeOffset now, TimeSpan settle) => FloorHour(now - settle);

    public static DateTimeOffset FloorHour(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
