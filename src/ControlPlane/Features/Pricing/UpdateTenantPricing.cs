using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// PUT /api/tenants/{tenantId}/pricing (platform admins: what a tenant is charged is the platform's decision): replaces the
/// tenant's discount (0–100 %) and per-model prices (at most <see cref="TenantPricing.MaxModelPrices"/>, one per provider
/// kind and prefix). Every update is a new version; it bumps the config revision.
/// </summary>
public static class UpdateTenantPricing
{
    public static async Task<Results<Ok<TenantPricingDto>, ValidationProblem, NotFound>> HandleAsync(
        Guid tenantId, UpdateTenantPricingRequest request, Caller caller, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        if (request.DiscountPercent is < 0 or > 100)
        {
            errors.Add("discountPercent", "The discountPercent field must be between 0 and 100.");
        }

        var prices = request.ModelPrices ?? [];
        if (prices.Count > TenantPricing.MaxModelPrices)
        {
            errors.Add("modelPrices", $"At most {TenantPricing.MaxModelPrices} model prices.");
        }

        for (var i = 0; i < prices.Count; i++)
        {
            if (prices[i] is not { } p)
            {
                errors.Add($"modelPrices[{i}]", "The entry is missing.");
                continue;
            }

            PriceRules.Validate(errors, $"modelPrices[{i}].", p.ProviderKind, p.ModelPrefix, p.InputPerMTok, p.OutputPerMTok,
                p.CachedInputPerMTok, p.CacheWritePerMTok, p.ReasoningPerMTok, p.EmbeddingInputPerMTok);
        }

        if (errors.IsValid && prices.GroupBy(p => (p.ProviderKind, PriceRules.Normalize(p.ModelPrefix))).Any(g => g.Count() > 1))
        {
            errors.Add("modelPrices", "Each provider kind and model prefix may have one price.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var pricing = await db.TenantPricing.FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        if (pricing is null)
        {
            pricing = new TenantPricing { TenantId = tenantId };
            db.TenantPricing.Add(pricing);
        }

        pricing.DiscountPercent = request.DiscountPercent is 0 ? null : request.DiscountPercent;
        pricing.ModelPrices = prices.Select(p => p with { ModelPrefix = PriceRules.Normalize(p.ModelPrefix) }).ToList();
        pricing.Version = Guid.CreateVersion7(now);
        pricing.UpdatedAt = now;
        pricing.UpdatedBy = caller.Audit;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(pricing.ToDto());
    }
}
