using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Pricing;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Catalog;

/// <summary>
/// GET /api/catalog/models (any authenticated caller): the built-in <see cref="ModelCatalog"/> rows, ordered by prefix, each
/// with the pricing catalog's row in effect for it (a kind-less row; GET /api/catalog/prices lists provider-specific ones too).
/// </summary>
public static class ListCatalogModels
{
    public static async Task<Ok<ModelCatalogEntry[]>> HandleAsync(ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var book = new PriceBook(await db.ModelPrices.AsNoTracking().ToListAsync(cancellationToken), [], time.GetUtcNow());
        return TypedResults.Ok(ModelCatalog.Entries.Select(e => e with { Price = book.CatalogPrice(null, e.Prefix) }).ToArray());
    }
}
