using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// One request's guard: the merged policies that apply, what they found so far (for the usage record), and the
/// placeholders made for pseudonymized values (restored in the answer). Lives only in the request's memory.
/// </summary>
public sealed class GuardState(PolicySet policies)
{
    private PseudonymMap? _pseudonyms;

    public PolicySet Policies { get; } = policies;

    public PolicyFindings Findings { get; } = new();

    /// <summary>The request's placeholders (made on first use).</summary>
    public PseudonymMap Pseudonyms => _pseudonyms ??= new PseudonymMap();

    /// <summary>True when some value was replaced by a placeholder that the answer must have restored.</summary>
    public bool HasPseudonyms => _pseudonyms is { Count: > 0 };

    /// <summary>The answer must go through the guard: an output rule applies, or placeholders must be restored.</summary>
    public bool GuardsOutput => Policies.GuardsOutput || HasPseudonyms;
}
