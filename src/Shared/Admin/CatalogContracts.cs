using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Admin;

/// <summary>
/// GET /api/catalog/resolve: the capabilities a deployment of this provider kind and upstream model gets without an override.
/// (GET /api/catalog/models lists the catalog rows as <see cref="ModelCatalogEntry"/>.)
/// </summary>
/// <param name="MatchedPrefix">The catalog row used; null for mock (everything allowed) and unknown models (permissive defaults).</param>
public sealed record ResolvedModelDto(string ProviderKind, string UpstreamModel, string? MatchedPrefix, ModelCapabilities Capabilities);
