using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Catalog;

/// <summary>GET /api/catalog/models (any authenticated caller): the built-in <see cref="ModelCatalog"/> rows, ordered by prefix.</summary>
public static class ListCatalogModels
{
    public static Ok<IReadOnlyList<ModelCatalogEntry>> Handle() => TypedResults.Ok(ModelCatalog.Entries);
}
