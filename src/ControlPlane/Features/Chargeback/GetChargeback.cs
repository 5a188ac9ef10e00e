using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback?from=&amp;to=&amp;groupBy=team|costCenter|tag|key|model&amp;format=json|csv|xlsx (finance, tenant
/// admins, platform admins; <c>&amp;series=day</c> adds the cost per day): the tenant's usage and cost over the range with one line per group and the total, from the
/// rollups (<see cref="ChargebackQuery"/>), as JSON, CSV or Excel (<see cref="ChargebackRequest"/>).
/// </summary>
public static class GetChargeback
{
    public static async Task<IResult> HandleAsync(
        Guid tenantId, string? from, string? to, string? groupBy, string? format, string? series, HttpRequest http, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = ChargebackRequest.Parse(from, to, groupBy, format, http.Headers.Accept.ToString(), errors, series);
        if (request is null)
        {
            return errors.ToProblem();
        }

        var chargeback = await ChargebackQuery.RunAsync(db, tenantId, request, cancellationToken);
        return request.Format switch
        {
            ChargebackFormat.Csv => new ChargebackCsvResult(chargeback),
            ChargebackFormat.Xlsx => new ChargebackXlsxResult(chargeback),
            _ => TypedResults.Ok(chargeback),
        };
    }
}
