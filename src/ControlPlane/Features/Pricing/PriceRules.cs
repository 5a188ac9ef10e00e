using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>Field rules shared by catalog and tenant price rows: a known (or no) provider kind, a prefix, prices 0..100,000 USD.</summary>
public static class PriceRules
{
    /// <summary>The dearest price per million tokens accepted: the deployments' limit, which the nodes enforce on snapshot prices.</summary>
    public const decimal MaxPerMTok = RouteResilienceRules.MaxPricePerMTok;

    public static void Validate(
        ValidationErrors errors, string prefix, string? providerKind, string? modelPrefix,
        decimal input, decimal output, decimal? cached, decimal? cacheWrite, decimal? reasoning, decimal? embedding)
    {
        if (providerKind is not null && !ProviderKinds.IsKnown(providerKind))
        {
            errors.Add(prefix + "providerKind", ProviderKinds.UnknownMessage);
        }

        errors.Required(prefix + "modelPrefix", modelPrefix, ModelPrice.PrefixMaxLength);
        Price(errors, prefix + "inputPerMTok", input);
        Price(errors, prefix + "outputPerMTok", output);
        Price(errors, prefix + "cachedInputPerMTok", cached);
        Price(errors, prefix + "cacheWritePerMTok", cacheWrite);
        Price(errors, prefix + "reasoningPerMTok", reasoning);
        Price(errors, prefix + "embeddingInputPerMTok", embedding);
    }

    /// <summary>The prefix as it is stored and matched: trimmed, lowercase.</summary>
    public static string Normalize(string modelPrefix) => modelPrefix.Trim().ToLowerInvariant();

    private static void Price(ValidationErrors errors, string field, decimal? value)
    {
        if (value is < 0 or > MaxPerMTok)
        {
            errors.Add(field, $"The {field} field must be between 0 and {MaxPerMTok} (USD per million tokens).");
        }
    }
}
