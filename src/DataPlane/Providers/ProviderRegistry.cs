using System.Collections.Frozen;

namespace Switchyard.DataPlane.Providers;

/// <summary>The provider adapters by kind, resolved once.</summary>
public sealed class ProviderRegistry(IEnumerable<IProviderAdapter> adapters)
{
    private readonly FrozenDictionary<string, IProviderAdapter> _byKind = adapters.ToFrozenDictionary(a => a.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public IProviderAdapter? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
