using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>GET /api/tenants/{tenantId}/chargeback/statements (finance): the tenant's closed statements, newest first.</summary>
public static class ListStatements
{
    public static async Task<Ok<List<ChargebackStatementSummaryDto>>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var statements = await db.ChargebackStatements.AsNoTracking().Where(s => s.TenantId == tenantId).OrderByDescending(s => s.Number).ToListAsync(cancellationToken);
        return TypedResults.Ok(statements.ConvertAll(s => s.ToDto()));
    }
}
