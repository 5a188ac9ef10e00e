namespace Switchyard.Shared.Configuration;

/// <summary>One row of the built-in <see cref="ModelCatalog"/>: model ids starting with <paramref name="Prefix"/> (lowercase).</summary>
public sealed record ModelCatalogEntry(string Prefix, ModelCapabilities Capabilities);
