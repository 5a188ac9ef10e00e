using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback/statements/{statementId}/lines/{lineId}/requests?page=&amp;pageSize= (finance):
/// the usage records behind a line (its period, team, model and price version), oldest first, each with its tokens, cost and
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
        var total = await records.LongCountAsync(cancellationToken);
        var items = await records.OrderBy(u => u.Timestamp).ThenBy(u => u.Id).Skip((number - 1) * size).Take(size)
            .Select(u => new ChargebackRequestDto(u.Id, u.Timestamp, u.KeyId, u.Model, u.StatusCode, u.PromptTokens, u.CompletionTokens, u.CachedInputTokens,
                u.CacheWriteTokens, u.ReasoningTokens, u.CostMicros, u.PriceVersion, u.Estimated))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ChargebackLineRequestsDto(lineId, number, size, total, items));
    }
}
