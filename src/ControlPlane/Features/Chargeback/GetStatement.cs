using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback/statements/{statementId} (finance): a closed statement with its lines (by cost
/// centre, team, kind, model, price version) and a subtotal per cost centre.
/// </summary>
public static class GetStatement
{
    public static async Task<Results<Ok<ChargebackStatementDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid statementId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var statement = await db.ChargebackStatements.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId && s.Id == statementId, cancellationToken);
        if (statement is null)
        {
            return Problems.NotFound("The statement");
        }

        var lines = (await db.ChargebackStatementLines.AsNoTracking().Where(l => l.StatementId == statementId).ToListAsync(cancellationToken))
            .OrderBy(l => l.CostCenter, StringComparer.Ordinal).ThenBy(l => l.TeamName, StringComparer.Ordinal).ThenBy(l => l.TeamId)
            .ThenBy(l => l.Kind, StringComparer.Ordinal).ThenBy(l => l.PeriodStart).ThenBy(l => l.Model, StringComparer.Ordinal)
            .ThenBy(l => l.PriceVersion, StringComparer.Ordinal).ToList();
        var centres = lines.GroupBy(l => l.CostCenter)
            .Select(g => new ChargebackCostCenterDto(g.Key, g.Sum(l => l.Requests), g.Sum(l => l.CostMicros), ChargebackStatementDtos.Usd(g.Sum(l => l.CostMicros))))
            .ToList();
        return TypedResults.Ok(new ChargebackStatementDto(statement.ToDto(), centres, lines.ConvertAll(l => l.ToDto())));
    }
}
