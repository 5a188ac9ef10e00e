using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback/statements/{statementId}/lines/{lineId}/requests?page=&amp;pageSize= (finance):
/// the usage records behind a line (its period, team, model and price version, and for an adjustment only the records that
/// arrived late, <see cref="UsageRecordEntity.IngestedAt"/>), oldest first, each with its tokens, cost and
/// the price version that applied. Pages of 1..<see cref="MaxPageSize"/> (default 100), page numbers from 1.
/// </summary>
public static class ListStatementLineRequests
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static async Task<Results<Ok<ChargebackLineRequestsDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid statementId, Guid lineId, int? page, int? pageSize, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (number < 1)
        {
            errors.Add("page", "The page field must be 1 or more.");
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"The pageSize field must be between 1 and {MaxPageSize}.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var line = await db.ChargebackStatementLines.AsNoTracking()
            .FirstOrDefaultAsync(l => l.TenantId == tenantId && l.StatementId == statementId && l.Id == lineId, cancellationToken);
        if (line is null)
        {
            return Problems.NotFound("The statement line");
        }

        if (line.Kind == ChargebackStatementLine.Shared)
        {
            return TypedResults.Ok(new ChargebackLineRequestsDto(lineId, number, size, 0, [])); // a share of a fixed cost: no records behind it
        }

        var records = db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId && u.Timestamp >= line.PeriodStart && u.Timestamp < line.PeriodEnd
            && u.TeamId == line.TeamId && u.Model == line.Model);
        records = line.PriceVersion == "" ? records.Where(u => u.PriceVersion == null || u.PriceVersion == "") : records.Where(u => u.PriceVersion == line.PriceVersion);
        records = await ChargedHereAsync(db, tenantId, line, records, cancellationToken);
        var total = await records.LongCountAsync(cancellationToken);
        var items = await records.OrderBy(u => u.Timestamp).ThenBy(u => u.Id).Skip((number - 1) * size).Take(size)
            .Select(u => new ChargebackRequestDto(u.Id, u.Timestamp, u.KeyId, u.Model, u.StatusCode, u.PromptTokens, u.CompletionTokens, u.CachedInputTokens,
                u.CacheWriteTokens, u.ReasoningTokens, u.CostMicros, u.PriceVersion, u.Estimated, u.InputCostMicros, u.CachedInputCostMicros,
                u.CacheWriteCostMicros, u.OutputCostMicros, u.ReasoningCostMicros,
                u.CostMicros - u.InputCostMicros - u.CachedInputCostMicros - u.CacheWriteCostMicros - u.OutputCostMicros - u.ReasoningCostMicros))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ChargebackLineRequestsDto(lineId, number, size, total, items));
    }

    /// <summary>
    /// The records this statement charged by when they were stored: a usage line those stored before the statement closed; an
    /// adjustment line those stored after the month was last charged (its own statement or an earlier adjustment) and
    /// before this statement closed — exactly the late ones. Records stored before ingest times were kept count as on time.
    /// </summary>
    private static async Task<IQueryable<UsageRecordEntity>> ChargedHereAsync(
        ControlPlaneDbContext db, Guid tenantId, ChargebackStatementLine line, IQueryable<UsageRecordEntity> records, CancellationToken cancellationToken)
    {
        var closedAt = await db.ChargebackStatements.AsNoTracking().Where(s => s.TenantId == tenantId && s.Id == line.StatementId)
            .Select(s => s.ClosedAt).FirstAsync(cancellationToken);
        if (line.Kind != ChargebackStatementLine.Adjustment)
        {
            return records.Where(u => u.IngestedAt == null || u.IngestedAt < closedAt);
        }

        var charged = await (
                from l in db.ChargebackStatementLines.AsNoTracking()
                join s in db.ChargebackStatements.AsNoTracking() on l.StatementId equals s.Id
                where l.TenantId == tenantId && l.PeriodStart == line.PeriodStart && l.PeriodEnd == line.PeriodEnd && s.ClosedAt < closedAt
                orderby s.ClosedAt descending
                select (DateTimeOffset?)s.ClosedAt)
            .FirstOrDefaultAsync(cancellationToken);
        records = records.Where(u => u.IngestedAt != null && u.IngestedAt < closedAt);
        return charged is { } since ? records.Where(u => u.IngestedAt >= since) : records;
    }
}
