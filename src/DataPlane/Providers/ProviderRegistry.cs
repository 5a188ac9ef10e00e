using System.Collections.Frozen;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Embeddings;

namespace Switchyard.DataPlane.Providers;

/// <summary>The providers by kind, resolved once: pass-through adapters, translating chat providers, embedding providers.</summary>
public sealed class ProviderRegistry
{
    private readonly FrozenDictionary<string, IPassThroughAdapter> _passThrough;
    private readonly FrozenDictionary<string, IChatProvider> _chat;
    private readonly FrozenDictionary<string, IEmbeddingProvider> _embeddings;

    public ProviderRegistry(IEnumerable<IPassThroughAdapter> passThrough, IEnumerable<IChatProvider> chat, IEnumerable<IEmbeddingProvider> embeddings)
    {
        _passThrough = passThrough.SelectMany(a => a.Kinds.Select(k => KeyValuePair.Create(k, a))).ToFrozenDictionary(StringComparer.Ordinal);
        _chat = chat.SelectMany(p => p.Kinds.Select(k => KeyValuePair.Create(k, p))).ToFrozenDictionary(StringComparer.Ordinal);
        _embeddings = embeddings.SelectMany(p => p.Kinds.Select(k => KeyValuePair.Create(k, p))).ToFrozenDictionary(StringComparer.Ordinal);
        Kinds = _chat.Keys.Union(_passThrough.Keys).Union(_embeddings.Keys).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every kind some provider serves.</summary>
    public IReadOnlySet<string> Kinds { get; }

    /// <summary>The adapter forwarding OpenAI requests unchanged to this kind, or null when requests must be translated.</summary>
    public IPassThroughAdapter? FindPassThrough(string kind) => _passThrough.GetValueOrDefault(kind);

    public IChatProvider? FindChat(string kind) => _chat.GetValueOrDefault(kind);

    public IEmbeddingProvider? FindEmbeddings(string kind) => _embeddings.GetValueOrDefault(kind);
}
