using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Admin;

/// <summary>One row of the control plane's built-in model catalog (GET /api/catalog/models): model ids starting with <paramref name="Prefix"/> (lowercase).</summary>
/// <param name="Price">The pricing catalog's row in effect for the prefix (any provider kind), when there is one.</param>
public sealed record ModelCatalogEntry(string Prefix, ModelCapabilities Capabilities, ModelPriceDto? Price = null);
