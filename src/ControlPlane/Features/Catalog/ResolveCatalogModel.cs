using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Catalog;

/// <summary>
/// GET /api/catalog/resolve?providerKind=openai&amp;model=gpt-4o-2024-08-06 (any authenticated caller): what a deployment of
/// that model gets in the snapshot when it has no capabilities override.
/// </summary>
public static class ResolveCatalogModel
{
    public static Results<Ok<ResolvedModelDto>, ValidationProblem> Handle(string? providerKind, string? model)
    {
        var errors = new ValidationErrors().Required("model", model, 200);
        if (!ProviderKinds.IsKnown(providerKind))
        {
            errors.Add("providerKind", ProviderKinds.UnknownMessage);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var match = providerKind == ProviderKinds.Mock ? null : ModelCatalog.Find(model!);
        return TypedResults.Ok(new ResolvedModelDto(providerKind!, model!, match?.Prefix, ModelCatalog.Resolve(providerKind!, model!)));
    }
}
