using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// Hourly: closes each tenant's last month (in its time zone, once <see cref="ChargebackOptions.CloseDelayHours"/> have
/// passed) into a numbered <see cref="ChargebackStatement"/> with one line per team, model and price version, read from the
/// rollups. Usage that reached an already closed month since it was charged (the ledger of that month now minus every line
/// charged for it so far) becomes adjustment lines, so each month's lines over all statements always add up to its ledger
/// and no closed statement ever changes. A tenant without usage or adjustments gets no statement that month. Idempotent:
/// a month is closed once (unique per tenant and period; a concurrent run loses and skips).
/// Month edges are taken at whole UTC hours (the rollups' grain): in a zone with a half-hour offset the month starts at
/// the hour before local midnight.
/// </summary>
public sealed class CloseStatementsJob(ControlPlaneDbContext db, TimeProvider time, IOptions<ChargebackOptions> options)
{
    public const string Id = "switchyard-chargeback-statements";

    /// <summary>Returns the number of statements closed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.TimeZone }).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var tenant in tenants)
        {
            var zone = BudgetPeriods.Zone(tenant.TimeZone);
            var current = BudgetPeriods.Current(BudgetPeriods.Month, now, zone);
            var month = BudgetPeriods.Current(BudgetPeriods.Month, current.Start.AddTicks(-1), zone);
            if (now < month.End.AddHours(options.Value.CloseDelayHours))
            {
                month = BudgetPeriods.Current(BudgetPeriods.Month, month.Start.AddTicks(-1), zone);
            }

            var (start, end) = (RollupBatch.HourOf(month.Start), RollupBatch.HourOf(month.End));
            if (await db.ChargebackStatements.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenant.Id && s.PeriodEnd >= end, cancellationToken))
            {
                continue;
            }

            await using (await IngestCutoff.EnterCloseAsync(db, tenant.Id, cancellationToken))
            {
                closed += await CloseAsync(tenant.Id, zone.Id, start, end, cancellationToken) ? 1 : 0;
            }
        }

        return closed;
    }

    /// <summary>
    /// Under the tenant's <see cref="IngestCutoff"/>: the close time is taken after it, so every record stamped before it is
    /// committed and in this transaction's snapshot, and every record stamped after it is not (it counts as late).
    /// </summary>
    private async Task<bool> CloseAsync(Guid tenantId, string zone, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var now = time.GetUtcNow();
        var statement = new ChargebackStatement
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, PeriodStart = start, PeriodEnd = end, TimeZone = zone, ClosedAt = now,
            Number = 1 + (await db.ChargebackStatements.IgnoreQueryFilters().Where(s => s.TenantId == tenantId).MaxAsync(s => (int?)s.Number, cancellationToken) ?? 0),
        };
        var lines = new List<ChargebackStatementLine>();
        foreach (var (key, sum) in await StatementUsage.ReadAsync(db, tenantId, start, end, cancellationToken))
        {
            lines.Add(Line(statement, ChargebackStatementLine.Usage, start, end, key, sum));
        }

        // Late usage of earlier closed months: the ledger now minus everything charged for the month so far.
        var since = start.AddMonths(-options.Value.AdjustmentMonths);
        var earlier = await db.ChargebackStatements.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.PeriodStart >= since && s.PeriodStart < start).OrderBy(s => s.PeriodStart).ToListAsync(cancellationToken);
        foreach (var period in earlier)
        {
            var ledger = await StatementUsage.ReadAsync(db, tenantId, period.PeriodStart, period.PeriodEnd, cancellationToken);
            var charged = await db.ChargebackStatementLines.AsNoTracking()
                .Where(l => l.TenantId == tenantId && l.PeriodStart == period.PeriodStart && l.PeriodEnd == period.PeriodEnd && l.Kind != ChargebackStatementLine.Shared)
                .ToListAsync(cancellationToken);
            foreach (var line in charged)
            {
                var key = new StatementUsage.Key(line.TeamId, line.Model, line.PriceVersion);
                if (!ledger.TryGetValue(key, out var sum))
                {
                    ledger[key] = sum = new ChargebackSums<StatementUsage.Key> { Key = key };
                }

                sum.Add(new ChargebackSums<StatementUsage.Key>
                {
                    Requests = -line.Requests, InputTokens = -line.InputTokens, OutputTokens = -line.OutputTokens, CachedInputTokens = -line.CachedInputTokens,
                    CacheWriteTokens = -line.CacheWriteTokens, ReasoningTokens = -line.ReasoningTokens,
                });
                sum.AddCosts(line, -1);
            }

            lines.AddRange(ledger.Where(d => d.Value is not { Requests: 0, InputTokens: 0, OutputTokens: 0, CachedInputTokens: 0, CacheWriteTokens: 0, ReasoningTokens: 0 } || !d.Value.IsZeroCost())
                .Select(d => Line(statement, ChargebackStatementLine.Adjustment, period.PeriodStart, period.PeriodEnd, d.Key, d.Value)));
        }

        if (lines.Count == 0)
        {
            return false;
        }

        lines.AddRange(await SharedLinesAsync(statement, lines, cancellationToken));

        var teamIds = lines.Select(l => l.TeamId).Distinct().ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.TenantId == tenantId && teamIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => (t.Name, t.CostCenter), cancellationToken);
        foreach (var line in lines)
        {
            if (teams.TryGetValue(line.TeamId, out var team))
            {
                (line.TeamName, line.CostCenter) = (team.Name, team.CostCenter ?? "");
            }
        }

        statement.Requests = lines.Sum(l => l.Requests);
        statement.CostMicros = lines.Sum(l => l.CostMicros);
        db.ChargebackStatements.Add(statement);
        db.ChargebackStatementLines.AddRange(lines);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run closed this month (or took this number) first.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The tenant's fixed shared cost split over the teams by their usage cost this month (by requests when none had a cost).</summary>
    private async Task<List<ChargebackStatementLine>> SharedLinesAsync(ChargebackStatement statement, List<ChargebackStatementLine> lines, CancellationToken cancellationToken)
    {
        var settings = await db.Set<ChargebackSettings>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == statement.TenantId, cancellationToken);
        if (settings is not { SharedCostMicros: > 0 })
        {
            return [];
        }

        var usage = lines.Where(l => l.Kind == ChargebackStatementLine.Usage).GroupBy(l => l.TeamId)
            .Select(g => (Team: g.Key, Cost: g.Sum(l => l.CostMicros), Requests: g.Sum(l => l.Requests))).ToList();
        var weights = usage.Any(u => u.Cost > 0) ? usage.ToDictionary(u => u.Team, u => u.Cost) : usage.ToDictionary(u => u.Team, u => u.Requests);
        return SharedCostAllocation.Split(settings.SharedCostMicros, weights).Select(s => new ChargebackStatementLine
        {
            Id = Guid.CreateVersion7(), StatementId = statement.Id, TenantId = statement.TenantId, Kind = ChargebackStatementLine.Shared,
            PeriodStart = statement.PeriodStart, PeriodEnd = statement.PeriodEnd, TeamId = s.Key, Model = settings.SharedCostLabel, CostMicros = s.Value,
        }).ToList();
    }

    private static ChargebackStatementLine Line(
        ChargebackStatement statement, string kind, DateTimeOffset start, DateTimeOffset end, StatementUsage.Key key, ChargebackSums<StatementUsage.Key> sum) => new()
    {
        Id = Guid.CreateVersion7(), StatementId = statement.Id, TenantId = statement.TenantId, Kind = kind, PeriodStart = start, PeriodEnd = end,
        TeamId = key.TeamId, Model = key.Model, PriceVersion = key.PriceVersion, Requests = sum.Requests, InputTokens = sum.InputTokens,
        OutputTokens = sum.OutputTokens, CachedInputTokens = sum.CachedInputTokens, CacheWriteTokens = sum.CacheWriteTokens,
        ReasoningTokens = sum.ReasoningTokens, CostMicros = sum.CostMicros, InputCostMicros = sum.InputCostMicros, CachedInputCostMicros = sum.CachedInputCostMicros,
        CacheWriteCostMicros = sum.CacheWriteCostMicros, OutputCostMicros = sum.OutputCostMicros, ReasoningCostMicros = sum.ReasoningCostMicros,
    };
}
