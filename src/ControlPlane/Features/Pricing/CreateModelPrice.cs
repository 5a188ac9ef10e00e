using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// POST /api/platform/prices (platform admins): adds a price version for a provider kind (or every kind) and model prefix.
/// It applies from <c>effectiveFrom</c> (default now; not in the future) to the records of every snapshot built after it,
/// so records already billed keep their own version. Bumps the config revision.
/// </summary>
public static class CreateModelPrice
{
    public static async Task<Results<Created<ModelPriceDto>, ValidationProblem>> HandleAsync(
        CreateModelPriceRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        PriceRules.Validate(errors, "", request.ProviderKind, request.ModelPrefix, request.InputPerMTok, request.OutputPerMTok,
            request.CachedInputPerMTok, request.CacheWritePerMTok, request.ReasoningPerMTok, request.EmbeddingInputPerMTok);
        if (request.EffectiveFrom > now)
        {
            errors.Add("effectiveFrom", "The effectiveFrom field must not be in the future: prices apply to snapshots built once they are in effect.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var price = new ModelPrice
        {
            Id = Guid.CreateVersion7(now),
            ProviderKind = request.ProviderKind,
            ModelPrefix = PriceRules.Normalize(request.ModelPrefix),
            InputPerMTok = request.InputPerMTok,
            OutputPerMTok = request.OutputPerMTok,
            CachedInputPerMTok = request.CachedInputPerMTok,
            CacheWritePerMTok = request.CacheWritePerMTok,
            ReasoningPerMTok = request.ReasoningPerMTok,
            EmbeddingInputPerMTok = request.EmbeddingInputPerMTok,
            EffectiveFrom = (request.EffectiveFrom ?? now).ToUniversalTime(),
            CreatedAt = now,
            CreatedBy = caller.Audit,
        };
        db.ModelPrices.Add(price);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/catalog/prices/{price.Version}", price.ToDto());
    }
}
