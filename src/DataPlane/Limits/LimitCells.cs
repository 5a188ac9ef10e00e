using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchyard.DataPlane.Limits;

/// <summary>Every <see cref="LimitCell"/> of the node, created on first use (one per key, team, tenant and limited model).</summary>
public sealed class LimitCells(IOptions<RateLimitingOptions> options)
{
    private readonly ConcurrentDictionary<(LimitScope Scope, Guid Id, string Model), LimitCell> _cells = new();
    private readonly string _prefix = options.Value.KeyPrefix;

    /// <summary>The cell of the level (<paramref name="model"/> "") or of one of its models.</summary>
    public LimitCell Get(LimitScope scope, Guid id, string model) =>
        _cells.TryGetValue((scope, id, model), out var cell) ? cell : _cells.GetOrAdd((scope, id, model), k => new LimitCell(_prefix, k.Scope, k.Id, k.Model));

    public int Count => _cells.Count;
}
