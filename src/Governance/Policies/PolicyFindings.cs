using Switchyard.Shared.Messages;

namespace Switchyard.Governance.Policies;

/// <summary>One request's findings as its policies report them (rule, count, action — never the values) and the block, if any.</summary>
public sealed class PolicyFindings
{
    private readonly Dictionary<(string Policy, string Rule, string Action, bool Output), int> _counts = [];

    public PolicyBlock? Block { get; private set; }

    /// <summary>True when the block happened on the answer (output), not the request.</summary>
    public bool BlockedOutput { get; private set; }

    public int Count => _counts.Count;

    public void Add(string policy, string rule, string action, bool output, int count = 1)
    {
        var key = (policy, rule, action, output);
        _counts[key] = _counts.GetValueOrDefault(key) + count;
    }

    public void Blocked(PolicyBlock block, bool output)
    {
        if (Block is null)
        {
            Block = block;
            BlockedOutput = output;
        }
    }

    /// <summary>The findings for the usage record, ordered; null when there are none.</summary>
    public IReadOnlyList<UsageFinding>? ToUsage() => _counts.Count == 0
        ? null
        : [.. _counts.OrderBy(c => c.Key.Output).ThenBy(c => c.Key.Policy, StringComparer.Ordinal).ThenBy(c => c.Key.Rule, StringComparer.Ordinal)
            .Select(c => new UsageFinding(c.Key.Policy, c.Key.Rule, c.Value, c.Key.Action, c.Key.Output))];
}
