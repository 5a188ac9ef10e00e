using System.Globalization;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// The prices in effect at one moment (a config revision's creation), and the resolution of a deployment's effective price
/// for the snapshot, in order: the deployment's own <c>inputPricePerMTok</c>/<c>outputPricePerMTok</c>; the tenant's
/// per-model price; the catalog's row (admin rows before built-in ones), less the tenant's discount. Catalog and tenant rows
/// match a model id like the model catalog does (<see cref="ModelCatalog.CandidateIds"/>, longest prefix, a row for the
/// deployment's provider kind before a kind-less one). Kind-less rows never apply to mock, vLLM or Ollama deployments.
/// </summary>
public sealed class PriceBook
{
    private readonly ModelPriceDto[] _rows;
    private readonly IReadOnlyDictionary<Guid, TenantPricing> _tenants;

    public PriceBook(IEnumerable<ModelPrice> adminRows, IEnumerable<TenantPricing> tenants, DateTimeOffset at)
    {
        var admin = adminRows
            .Where(r => r.EffectiveFrom <= at)
            .GroupBy(r => (r.ProviderKind, r.ModelPrefix))
            .Select(g => g.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id).First().ToDto())
            .OrderBy(r => r.ModelPrefix, StringComparer.Ordinal).ThenBy(r => r.ProviderKind, StringComparer.Ordinal);

        // Admin rows first: at an equal match the first row found is kept.
        _rows = [.. admin, .. BuiltInPrices.Rows];
        _tenants = tenants.ToDictionary(t => t.TenantId);
    }

    /// <summary>Every row in effect (admin rows first).</summary>
    public IReadOnlyList<ModelPriceDto> Rows => _rows;

    /// <summary>
    /// The catalog row in effect for a model served by <paramref name="providerKind"/>; with a null kind only kind-less rows
    /// are considered (the catalog listing).
    /// </summary>
    public ModelPriceDto? CatalogPrice(string? providerKind, string upstreamModel) =>
        Best(_rows, r => r.ProviderKind, r => r.ModelPrefix, providerKind, upstreamModel);

    /// <summary>The deployment's effective price in a tenant's route; null when no level prices it.</summary>
    public DeploymentPrice? Resolve(Guid tenantId, Guid deploymentId, string providerKind, string upstreamModel, decimal? inputPerMTok, decimal? outputPerMTok)
    {
        if (inputPerMTok is not null || outputPerMTok is not null)
        {
            var input = inputPerMTok ?? 0;
            var output = outputPerMTok ?? 0;
            return new DeploymentPrice(
                string.Create(CultureInfo.InvariantCulture, $"deployment:{deploymentId:N}:{input}/{output}"), DeploymentPrice.FromDeployment, input, output);
        }

        var tenant = _tenants.GetValueOrDefault(tenantId);
        if (tenant is not null && Best(tenant.ModelPrices, p => p.ProviderKind, p => p.ModelPrefix, providerKind, upstreamModel) is { } own)
        {
            // The entry's index in that version's modelPrices: short, and explained by GET …/pricing of the version.
            return new DeploymentPrice(
                string.Create(CultureInfo.InvariantCulture, $"{tenant.VersionText}#{tenant.ModelPrices.IndexOf(own)}"), DeploymentPrice.FromTenant, own.InputPerMTok, own.OutputPerMTok,
                own.CachedInputPerMTok, own.CacheWritePerMTok, own.ReasoningPerMTok, own.EmbeddingInputPerMTok);
        }

        if (CatalogPrice(providerKind, upstreamModel) is not { } row)
        {
            return null;
        }

        if (tenant?.DiscountPercent is > 0 and var discount)
        {
            var factor = 1 - discount / 100m;
            return new DeploymentPrice(
                $"{row.Version};{tenant.VersionText}", DeploymentPrice.FromTenant, row.InputPerMTok * factor, row.OutputPerMTok * factor,
                row.CachedInputPerMTok * factor, row.CacheWritePerMTok * factor, row.ReasoningPerMTok * factor, row.EmbeddingInputPerMTok * factor);
        }

        return new DeploymentPrice(
            row.Version, DeploymentPrice.FromCatalog, row.InputPerMTok, row.OutputPerMTok,
            row.CachedInputPerMTok, row.CacheWritePerMTok, row.ReasoningPerMTok, row.EmbeddingInputPerMTok);
    }

    private static T? Best<T>(IReadOnlyList<T> rows, Func<T, string?> kindOf, Func<T, string> prefixOf, string? providerKind, string upstreamModel)
        where T : class
    {
        var kindless = providerKind is null || !BuiltInPrices.IsUnpricedKind(providerKind);
        foreach (var id in ModelCatalog.CandidateIds(upstreamModel))
        {
            T? best = null;
            foreach (var row in rows)
            {
                var kind = kindOf(row);
                if (kind is null ? !kindless : kind != providerKind)
                {
                    continue;
                }

                var prefix = prefixOf(row);
                if (!ModelCatalog.Matches(id, prefix))
                {
                    continue;
                }

                if (best is null || prefix.Length > prefixOf(best).Length
                    || prefix.Length == prefixOf(best).Length && kind is not null && kindOf(best) is null)
                {
                    best = row;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }
}
