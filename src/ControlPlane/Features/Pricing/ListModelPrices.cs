using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// GET /api/catalog/prices (any signed-in caller): every price row, admin rows (every version, newest first) then the
/// built-in ones. <c>inEffect=true</c> lists only the rows in effect now.
/// </summary>
public static class ListModelPrices
{
    public static async Task<Ok<ModelPriceDto[]>> HandleAsync(bool? inEffect, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var admin = await db.ModelPrices.AsNoTracking().ToListAsync(cancellationToken);
        if (inEffect == true)
        {
            return TypedResults.Ok(new PriceBook(admin, [], time.GetUtcNow()).Rows.ToArray());
        }

        return TypedResults.Ok(admin
            .OrderBy(p => p.ModelPrefix, StringComparer.Ordinal).ThenByDescending(p => p.EffectiveFrom)
            .Select(p => p.ToDto())
            .Concat(BuiltInPrices.Rows)
            .ToArray());
    }
}
